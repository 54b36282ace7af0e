using System.Security.Cryptography;

namespace NocodeAI.Access.Tests;

/// <summary>A fresh RSA key pair as PEM text and as files, like the ones ./nocode generates under .nocode/keys.</summary>
public sealed class TestKeys : IDisposable
{
    private readonly string _directory;

    public TestKeys()
    {
        using var rsa = RSA.Create(2048);
        PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem();
        PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem();
        _directory = Path.Combine(Path.GetTempPath(), "nocode-access-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        PrivateKeyPath = Path.Combine(_directory, "jwt-private.pem");
        PublicKeyPath = Path.Combine(_directory, "jwt-public.pem");
        File.WriteAllText(PrivateKeyPath, PrivateKeyPem);
        File.WriteAllText(PublicKeyPath, PublicKeyPem);
    }

    public string PrivateKeyPem { get; }

    public string PublicKeyPem { get; }

    public string PrivateKeyPath { get; }

    public string PublicKeyPath { get; }

    public IdentityOptions Options(string issuer = "nocode-access", int lifetimeSeconds = 3600) => new()
    {
        Issuer = issuer,
        Audience = "nocode",
        PublicKeyPem = PublicKeyPem,
        PrivateKeyPem = PrivateKeyPem,
        TokenLifetimeSeconds = lifetimeSeconds,
    };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
