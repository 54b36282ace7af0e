using NocodeAI.Access.Auth;

namespace NocodeAI.Access.Tests;

public sealed class PasswordHasherTests
{
    // Few iterations keep the tests fast; the format and the checks are the same as in production.
    private readonly PasswordHasher _hasher = new(iterations: 1_000);

    [Fact]
    public void Right_password_verifies()
    {
        var hash = _hasher.Hash("correct horse battery");

        Assert.Equal(PasswordVerification.Succeeded, _hasher.Verify("correct horse battery", hash));
    }

    [Fact]
    public void Wrong_password_fails()
    {
        var hash = _hasher.Hash("correct horse battery");

        Assert.Equal(PasswordVerification.Failed, _hasher.Verify("correct horse batterY", hash));
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(string.Empty, hash));
    }

    [Fact]
    public void Hash_names_its_algorithm_and_cost_and_uses_a_fresh_16_byte_salt()
    {
        var first = _hasher.Hash("same password").Split('$');
        var second = _hasher.Hash("same password").Split('$');

        Assert.Equal(["pbkdf2-sha256", "1000"], first[..2]);
        Assert.Equal(PasswordHasher.SaltBytes, Convert.FromBase64String(first[2]).Length);
        Assert.Equal(PasswordHasher.HashBytes, Convert.FromBase64String(first[3]).Length);
        Assert.NotEqual(first[2], second[2]);
        Assert.NotEqual(first[3], second[3]);
    }

    [Fact]
    public void Tampered_hash_fails()
    {
        var parts = _hasher.Hash("correct horse battery").Split('$');
        var hash = Convert.FromBase64String(parts[3]);
        hash[0] ^= 0x01;
        var salt = Convert.FromBase64String(parts[2]);
        salt[^1] ^= 0x80;

        string[] tampered =
        [
            string.Join('$', parts[0], parts[1], parts[2], Convert.ToBase64String(hash)),
            string.Join('$', parts[0], parts[1], Convert.ToBase64String(salt), parts[3]),
            string.Join('$', parts[0], "1001", parts[2], parts[3]),
            string.Join('$', "pbkdf2-sha1", parts[1], parts[2], parts[3]),
            string.Join('$', parts[0], parts[1], parts[2], parts[3][..^4]),
            string.Join('$', parts[0], parts[1], "not base64!", parts[3]),
            string.Join('$', parts[0], "-5", parts[2], parts[3]),
            string.Join('$', parts[0], parts[1], parts[2]),
            string.Empty,
            "correct horse battery",
        ];

        Assert.All(tampered, t => Assert.Equal(PasswordVerification.Failed, _hasher.Verify("correct horse battery", t)));
    }

    [Fact]
    public void Tampered_iteration_count_cannot_make_a_check_expensive()
    {
        var parts = _hasher.Hash("pw-12345678").Split('$');
        var expensive = string.Join('$', parts[0], int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3]);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify("pw-12345678", expensive));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Hash_weaker_than_the_settings_verifies_and_asks_to_be_upgraded()
    {
        var old = new PasswordHasher(iterations: 1_000).Hash("pw-12345678");
        var stronger = new PasswordHasher(iterations: 2_000);

        Assert.Equal(PasswordVerification.SucceededRehashNeeded, stronger.Verify("pw-12345678", old));
        Assert.Equal(PasswordVerification.Succeeded, stronger.Verify("pw-12345678", stronger.Hash("pw-12345678")));
        Assert.Equal(PasswordVerification.Failed, stronger.Verify("pw-1234567x", old));
    }

    [Fact]
    public void Default_cost_meets_the_floor_we_chose()
    {
        Assert.True(PasswordHasher.DefaultIterations >= 210_000);
        Assert.Equal(PasswordHasher.DefaultIterations, new PasswordHashingOptions().Iterations);
    }

    [Fact]
    public void Decoy_check_does_the_work_and_never_throws()
    {
        _hasher.VerifyDecoy("whatever");
        _hasher.VerifyDecoy(string.Empty);
    }
}
