using System.ComponentModel.DataAnnotations;

namespace NocodeAI.ServiceDefaults.Identity;

/// <summary>How tokens are validated (every subgraph) and signed (access only).</summary>
public sealed class IdentityOptions
{
    [Required]
    public string Issuer { get; set; } = "nocode-access";

    [Required]
    public string Audience { get; set; } = "nocode";

    /// <summary>PEM file of the RSA public key that verifies tokens (RS256).</summary>
    public string? PublicKeyPath { get; set; }

    /// <summary>PEM text of the public key, for platforms that inject secrets as values (a k8s Secret).</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>PEM file of the RSA private key that signs tokens; only the access service sets it.</summary>
    public string? PrivateKeyPath { get; set; }

    public string? PrivateKeyPem { get; set; }

    [Range(60, 7 * 24 * 3600)]
    public int TokenLifetimeSeconds { get; set; } = 8 * 3600;

    public string? ReadPublicKeyPem() => Read(PublicKeyPem, PublicKeyPath);

    public string? ReadPrivateKeyPem() => Read(PrivateKeyPem, PrivateKeyPath);

    private static string? Read(string? pem, string? path) =>
        !string.IsNullOrWhiteSpace(pem) ? pem
        : !string.IsNullOrWhiteSpace(path) && File.Exists(path) ? File.ReadAllText(path)
        : null;
}
