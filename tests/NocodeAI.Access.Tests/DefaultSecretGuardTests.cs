using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using NocodeAI.ServiceDefaults;

namespace NocodeAI.Access.Tests;

public sealed class DefaultSecretGuardTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Production_refuses_the_development_database_password()
    {
        var config = Config(("ConnectionStrings:Database", "Host=db;Database=access;Username=nocode;Password=nocode"));
        var error = Assert.Throws<InvalidOperationException>(() => DefaultSecretGuard.Enforce(new Env("Production"), config));
        Assert.Contains("ConnectionStrings:Database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_refuses_keys_generated_by_nocode_and_dev_tokens()
    {
        var config = Config(("Identity:PrivateKeyPath", "/repo/.nocode/keys/jwt-private.pem"), ("SwingChat:Token", "dev-token"));
        Assert.Equal(["Identity:PrivateKeyPath", "SwingChat:Token"], DefaultSecretGuard.Find(config).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Production_accepts_real_secrets_and_Development_accepts_anything()
    {
        var real = Config(("ConnectionStrings:Database", "Host=db;Password=Zq8!long-random"), ("Identity:PrivateKeyPath", "/var/run/secrets/jwt.pem"));
        DefaultSecretGuard.Enforce(new Env("Production"), real);
        Assert.Empty(DefaultSecretGuard.Find(real));

        var dev = Config(("ConnectionStrings:Database", "Host=db;Password=nocode"));
        DefaultSecretGuard.Enforce(new Env("Development"), dev);
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
