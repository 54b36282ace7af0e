using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NocodeAI.Access.Auth;

public enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>Right password, but the hash is weaker than today's settings: store a new one.</summary>
    SucceededRehashNeeded,
}

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 hashes encoded as <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>
/// (salt and hash in base64), so the algorithm and its cost travel with each hash and can be raised
/// without invalidating the old ones. Comparison is constant-time.
/// </summary>
public sealed class PasswordHasher
{
    public const string Algorithm = "pbkdf2-sha256";
    public const int DefaultIterations = 210_000;
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    /// <summary>Bounds for stored hashes: a tampered row must not make one login cost minutes.</summary>
    private const int MinStoredIterations = 1_000;
    private const int MaxStoredIterations = 10_000_000;

    private readonly int _iterations;
    private readonly Lazy<string> _decoy;

    public PasswordHasher(IOptions<PasswordHashingOptions> options)
        : this(options.Value.Iterations)
    {
    }

    public PasswordHasher(int iterations)
    {
        _iterations = iterations;
        _decoy = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    public int Iterations => _iterations;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, _iterations, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Algorithm}${_iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public PasswordVerification Verify(string password, string encodedHash)
    {
        if (!TryDecode(encodedHash, out var iterations, out var salt, out var expected))
        {
            return PasswordVerification.Failed;
        }

        var actual = Derive(password, salt, iterations, HashBytes);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordVerification.Failed;
        }

        return iterations < _iterations
            ? PasswordVerification.SucceededRehashNeeded
            : PasswordVerification.Succeeded;
    }

    /// <summary>
    /// Does the work of a real check against a hash no password matches, so that "no such user"
    /// takes as long as "wrong password" and response times do not reveal which usernames exist.
    /// </summary>
    public void VerifyDecoy(string password) => Verify(password, _decoy.Value);

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryDecode(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 4 || !string.Equals(parts[0], Algorithm, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < MinStoredIterations or > MaxStoredIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        // Exact lengths: a shortened hash must not verify against a prefix of the derived key.
        return salt.Length == SaltBytes && hash.Length == HashBytes;
    }
}
