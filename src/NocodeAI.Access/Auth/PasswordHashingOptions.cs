using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Access.Auth;

/// <summary>Cost of new password hashes (section "PasswordHashing").</summary>
public sealed class PasswordHashingOptions
{
    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for new hashes. 210,000 costs about 50 ms on one core of the
    /// 2-core machines we run on (measured: 100k ≈ 23 ms, 210k ≈ 48 ms, 310k ≈ 72 ms, 600k ≈ 137 ms),
    /// so a login stays under ~100 ms with its database round trip even when the other core is busy,
    /// and two logins can run side by side. OWASP's 600,000 would cost ~140 ms per login here. The
    /// count is stored in every hash, so raising it later upgrades each user's hash at their next login.
    /// </summary>
    [Range(100_000, 5_000_000)]
    public int Iterations { get; set; } = PasswordHasher.DefaultIterations;
}
