using System.Text.RegularExpressions;

namespace NocodeAI.Deployment.Tests.Checks;

/// <summary>The platform-specific promises: shared model artifacts, durable NATS, replicated streams.</summary>
public static partial class PlatformChecks
{
    public const string ArtifactsClaim = "model-artifacts";
    public const string ArtifactsSetting = "Artifacts__ArtifactDirectory";
    public const int NatsServers = 3;

    /// <summary>
    /// The artifacts claim is ReadWriteMany, and every workload configured with an artifact directory
    /// (the training and extraction workers) mounts it exactly there.
    /// </summary>
    public static IReadOnlyList<string> ArtifactsShared(ManifestSet manifests)
    {
        var violations = new List<string>();
        var claim = manifests.Find("PersistentVolumeClaim", ArtifactsClaim);
        if (claim is null)
        {
            return [$"PersistentVolumeClaim/{ArtifactsClaim} does not exist"];
        }

        if (!claim.Spec.ListAt("accessModes").OfType<string>().Contains("ReadWriteMany"))
        {
            violations.Add($"{claim.Id}: is not ReadWriteMany; training and extraction replicas on different nodes share it");
        }

        var users = manifests.Workloads.Where(w => w.Containers.Any(c => Setting(manifests, c, ArtifactsSetting) is not null)).ToList();
        if (users.Count == 0)
        {
            violations.Add($"no workload sets {ArtifactsSetting}");
        }

        foreach (var workload in users)
        {
            var volume = workload.PodSpec.MapsAt("volumes").FirstOrDefault(v => v.StringAt("persistentVolumeClaim", "claimName") == ArtifactsClaim);
            if (volume is null)
            {
                violations.Add($"{workload}: sets {ArtifactsSetting} but does not mount {claim.Id}");
                continue;
            }

            foreach (var container in workload.Containers.Where(c => Setting(manifests, c, ArtifactsSetting) is not null))
            {
                var directory = Setting(manifests, container, ArtifactsSetting);
                var mounted = container.Body.MapsAt("volumeMounts").Any(m => m.StringAt("name") == volume.StringAt("name") && m.StringAt("mountPath") == directory);
                if (!mounted)
                {
                    violations.Add($"{container.Id}: {ArtifactsSetting}={directory} is not where {claim.Id} is mounted");
                }
            }
        }

        return violations;
    }

    /// <summary>Three NATS servers with persistent file storage and an fsync on every write (sync_interval: always).</summary>
    public static IReadOnlyList<string> NatsDurable(ManifestSet manifests)
    {
        var nats = manifests.FindWorkload("StatefulSet", "nats");
        if (nats is null)
        {
            return ["StatefulSet/nats does not exist"];
        }

        var violations = new List<string>();
        if (nats.Resource.Spec.StringAt("replicas") != $"{NatsServers}")
        {
            violations.Add($"{nats}: has {nats.Resource.Spec.StringAt("replicas") ?? "1"} replicas, not {NatsServers}");
        }

        if (!nats.Resource.Spec.MapsAt("volumeClaimTemplates").Any())
        {
            violations.Add($"{nats}: has no volumeClaimTemplates; JetStream's file store would not survive a restart");
        }

        var configs = nats.PodSpec.MapsAt("volumes").Select(v => v.StringAt("configMap", "name")).OfType<string>()
            .Select(name => manifests.ConfigMaps.GetValueOrDefault(name))
            .OfType<IReadOnlyDictionary<string, string>>()
            .SelectMany(data => data.Values)
            .Where(text => JetStreamBlock().IsMatch(text))
            .ToList();
        if (configs.Count != 1)
        {
            violations.Add($"{nats}: mounts {configs.Count} ConfigMaps with a jetstream block, expected exactly one");
            return violations;
        }

        var config = configs[0];
        if (!SyncAlways().IsMatch(config))
        {
            violations.Add($"{nats}: nats config does not set sync_interval: always (acknowledged writes would wait up to 2 minutes for fsync)");
        }

        if (!StoreDir().IsMatch(config))
        {
            violations.Add($"{nats}: nats config sets no JetStream store_dir");
        }

        var routes = RouteUrl().Count(config);
        if (routes != NatsServers)
        {
            violations.Add($"{nats}: nats config lists {routes} cluster routes, expected {NatsServers}");
        }

        return violations;
    }

    /// <summary>The stream replication every .NET service is configured with (Nats__Replicas), one value per ConfigMap that sets it.</summary>
    public static IReadOnlyList<string> StreamReplicas(ManifestSet manifests) =>
        manifests.ConfigMaps.Values.Select(data => data.GetValueOrDefault("Nats__Replicas")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The value a container sees for a setting: its env first, then its envFrom ConfigMaps.</summary>
    public static string? Setting(ManifestSet manifests, Container container, string key)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(container);
        var direct = container.Body.MapsAt("env").FirstOrDefault(e => e.StringAt("name") == key);
        if (direct is not null)
        {
            return direct.StringAt("value");
        }

        return container.Body.MapsAt("envFrom")
            .Select(e => e.StringAt("configMapRef", "name"))
            .OfType<string>()
            .Select(name => manifests.ConfigMaps.GetValueOrDefault(name)?.GetValueOrDefault(key))
            .LastOrDefault(v => v is not null);
    }

    [GeneratedRegex(@"^\s*jetstream\s*\{", RegexOptions.Multiline)]
    private static partial Regex JetStreamBlock();

    [GeneratedRegex(@"^\s*sync_interval\s*[:=]\s*always\s*$", RegexOptions.Multiline)]
    private static partial Regex SyncAlways();

    [GeneratedRegex(@"^\s*store_dir\s*[:=]\s*\S+", RegexOptions.Multiline)]
    private static partial Regex StoreDir();

    [GeneratedRegex(@"nats-route://|nats://[^\s,\]]+:6222")]
    private static partial Regex RouteUrl();
}
