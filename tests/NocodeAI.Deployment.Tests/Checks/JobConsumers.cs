using System.Text.RegularExpressions;

namespace NocodeAI.Deployment.Tests.Checks;

/// <summary>
/// The durable job consumers the source registers: <c>AddJobConsumer&lt;TJob, THandler&gt;()</c> with
/// <c>TJob.Queue</c>, named "&lt;queue&gt;-&lt;job type&gt;" like <c>JobConsumer.ConsumerName</c>. Read from the
/// source text, so the check needs no reference to the services.
/// </summary>
public static partial class JobConsumers
{
    public static IReadOnlyList<string> InSource(string sourceRoot)
    {
        var files = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(File.ReadAllText)
            .ToList();
        var queues = files.SelectMany(text => JobRecord().Matches(text))
            .ToDictionary(m => m.Groups["type"].Value, m => m.Groups["queue"].Value, StringComparer.Ordinal);
        return files.SelectMany(text => Registration().Matches(text))
            .Select(m => m.Groups["type"].Value)
            .Distinct(StringComparer.Ordinal)
            .Select(type => queues.TryGetValue(type, out var queue) ? $"{queue}-{type}" : $"?-{type}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Consumers named by nats-jetstream triggers on the jobs stream.</summary>
    public static IReadOnlyList<string> ScaledOn(ManifestSet manifests) =>
        manifests.OfKind("ScaledObject")
            .SelectMany(s => s.Spec.MapsAt("triggers"))
            .Where(t => t.StringAt("type") == "nats-jetstream" && t.StringAt("metadata", "stream") == "NOCODE_JOBS")
            .Select(t => t.StringAt("metadata", "consumer"))
            .OfType<string>()
            .ToList();

    [GeneratedRegex(@"record\s+(?<type>\w+)\s*\([^)]*\)\s*:\s*IJob\s*\{[^}]*?Queue\s*=>\s*""(?<queue>[^""]+)""", RegexOptions.Singleline)]
    private static partial Regex JobRecord();

    [GeneratedRegex(@"\.AddJobConsumer<\s*(?<type>\w+)\s*,\s*\w+\s*>\s*\(")]
    private static partial Regex Registration();
}
