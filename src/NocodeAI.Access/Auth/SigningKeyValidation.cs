using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace NocodeAI.Access.Auth;

/// <summary>
/// The access service signs tokens, so besides the public key every subgraph needs it must have a
/// private key, an RSA key of at least 2048 bits, and the pair must match; checked when the service
/// starts (the Identity options are validated on start) rather than at the first login.
/// </summary>
public sealed class SigningKeyValidation : IValidateOptions<IdentityOptions>
{
    public const int MinKeySizeBits = 2048;

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var privatePem = options.ReadPrivateKeyPem();
        if (privatePem is null)
        {
            return ValidateOptionsResult.Fail(
                "Identity:PrivateKeyPath or Identity:PrivateKeyPem must name the RSA private key (PEM) that signs tokens.");
        }

        var publicPem = options.ReadPublicKeyPem();
        if (publicPem is null)
        {
            // AddNocodeIdentity reports the missing public key.
            return ValidateOptionsResult.Skip;
        }

        try
        {
            using var signer = RSA.Create();
            signer.ImportFromPem(privatePem);
            if (signer.KeySize < MinKeySizeBits)
            {
                return ValidateOptionsResult.Fail($"The token signing key has {signer.KeySize} bits; use at least {MinKeySizeBits}.");
            }

            using var verifier = RSA.Create();
            verifier.ImportFromPem(publicPem);
            var probe = RandomNumberGenerator.GetBytes(32);
            var signature = signer.SignData(probe, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return verifier.VerifyData(probe, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Identity's private key does not match its public key: tokens it signs would be refused.");
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return ValidateOptionsResult.Fail("Identity's private or public key is not a valid RSA key in PEM format.");
        }
    }
}
