using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace NocodeAI.ServiceDefaults;

/// <summary>
/// Outside Development a service must not start with the well-known development secrets that
/// appsettings.Development.json and ./nocode use, nor with the key files ./nocode generates.
/// </summary>
public static class DefaultSecretGuard
{
    /// <summary>Values that are public (they are in this repository) and therefore never secret.</summary>
    public static readonly IReadOnlySet<string> DevelopmentSecrets = new HashSet<string>(StringComparer.Ordinal)
    {
        "nocode", "nocode-dev", "nocode-admin", "nocode-approver", "nocode-analyst", "nocode-analyst2", "dev-token",
    };

    public static void Enforce(IHostEnvironment environment, IConfiguration configuration)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var offending = Find(configuration).ToList();
        if (offending.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to start in {environment.EnvironmentName} with development secrets in: {string.Join(", ", offending)}. " +
                "Provide real values through environment variables or a Secret.");
        }
    }

    public static IEnumerable<string> Find(IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (key.Contains("Password", StringComparison.OrdinalIgnoreCase) || key.Contains("Token", StringComparison.OrdinalIgnoreCase)
                || key.Contains("Secret", StringComparison.OrdinalIgnoreCase))
            {
                if (DevelopmentSecrets.Contains(value))
                {
                    yield return key;
                }
            }
            else if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) || key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase))
            {
                if (DevelopmentSecrets.Any(s => value.Contains($"Password={s};", StringComparison.OrdinalIgnoreCase) || value.EndsWith($"Password={s}", StringComparison.OrdinalIgnoreCase)))
                {
                    yield return key;
                }
            }
            else if (key.EndsWith("KeyPath", StringComparison.OrdinalIgnoreCase) && value.Contains(".nocode", StringComparison.Ordinal))
            {
                yield return key;
            }
        }
    }
}
