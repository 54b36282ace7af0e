using System.Collections.Concurrent;
using System.Diagnostics;

namespace NocodeAI.Deployment.Tests.Rendering;

/// <summary>Renders k8s/overlays/&lt;name&gt; with <c>kubectl kustomize</c>, once per overlay and test run.</summary>
public static class Kustomize
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, Lazy<ManifestSet>> Overlays = new(StringComparer.Ordinal);

    public static ManifestSet Overlay(string name) =>
        Overlays.GetOrAdd(name, n => new Lazy<ManifestSet>(() => ManifestSet.Parse(Render(Repository.PathOf("k8s", "overlays", n))))).Value;

    public static string Render(string directory) => Render(directory, FindKubectl());

    public static string Render(string directory, string? kubectl)
    {
        if (kubectl is null)
        {
            throw new InvalidOperationException(
                "kubectl was not found (looked at $NOCODE_KUBECTL, every directory on PATH and .nocode/bin/kubectl). " +
                "`./nocode up` installs it when missing; any kubectl 1.27 or newer (kustomize v5) will do.");
        }

        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {kubectl}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RenderTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {directory} took longer than {RenderTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"kubectl kustomize {directory} failed with exit code {process.ExitCode} (it needs kustomize v5, kubectl 1.27+):\n" +
                errors.GetAwaiter().GetResult());
        }

        return output.GetAwaiter().GetResult();
    }

    public static string? FindKubectl()
    {
        var configured = Environment.GetEnvironmentVariable("NOCODE_KUBECTL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var installed = Repository.PathOf(".nocode", "bin", "kubectl");
        return File.Exists(installed) ? installed : null;
    }
}
