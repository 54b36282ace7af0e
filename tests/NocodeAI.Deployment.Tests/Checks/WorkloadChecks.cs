namespace NocodeAI.Deployment.Tests.Checks;

/// <summary>What every container and every controller must declare. Each check returns its violations, empty when all is well.</summary>
public static class WorkloadChecks
{
    private static readonly string[] Probes = ["startupProbe", "readinessProbe", "livenessProbe"];

    /// <summary>Long-running containers have startup, readiness and liveness probes.</summary>
    public static IReadOnlyList<string> ProbesDeclared(ManifestSet manifests) =>
        manifests.Workloads.Where(w => w.IsLongRunning)
            .SelectMany(w => w.Containers.Where(c => !c.IsInit))
            .SelectMany(c => Probes.Where(p => c.Body.At(p) is null).Select(p => $"{c.Id}: no {p}"))
            .ToList();

    /// <summary>Every container requests and limits CPU and memory.</summary>
    public static IReadOnlyList<string> ResourcesDeclared(ManifestSet manifests) =>
        manifests.Workloads.SelectMany(w => w.Containers)
            .SelectMany(c => new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") }
                .Where(r => c.Body.StringAt("resources", r.Item1, r.Item2) is null)
                .Select(r => $"{c.Id}: no resources.{r.Item1}.{r.Item2}"))
            .ToList();

    /// <summary>Non-root, no privilege escalation, read-only root filesystem, no capabilities, RuntimeDefault seccomp.</summary>
    public static IReadOnlyList<string> SecurityContextsRestricted(ManifestSet manifests)
    {
        var violations = new List<string>();
        foreach (var container in manifests.Workloads.SelectMany(w => w.Containers))
        {
            var pod = container.Workload.PodSpec.MapAt("securityContext");
            var own = container.Body.MapAt("securityContext");
            if ((own.StringAt("runAsNonRoot") ?? pod.StringAt("runAsNonRoot")) != "true")
            {
                violations.Add($"{container.Id}: runAsNonRoot is not true");
            }

            if ((own.StringAt("runAsUser") ?? pod.StringAt("runAsUser")) == "0")
            {
                violations.Add($"{container.Id}: runAsUser is 0 (root)");
            }

            if (own.StringAt("allowPrivilegeEscalation") != "false")
            {
                violations.Add($"{container.Id}: allowPrivilegeEscalation is not false");
            }

            if (own.StringAt("readOnlyRootFilesystem") != "true")
            {
                violations.Add($"{container.Id}: readOnlyRootFilesystem is not true");
            }

            if (!own.ListAt("capabilities", "drop").OfType<string>().Contains("ALL"))
            {
                violations.Add($"{container.Id}: capabilities do not drop ALL");
            }

            if ((own.StringAt("seccompProfile", "type") ?? pod.StringAt("seccompProfile", "type")) is not ("RuntimeDefault" or "Localhost"))
            {
                violations.Add($"{container.Id}: no RuntimeDefault seccomp profile");
            }
        }

        return violations;
    }

    /// <summary>Every image names a release tag or a digest, never latest or a moving branch tag.</summary>
    public static IReadOnlyList<string> ImagesPinned(ManifestSet manifests) =>
        manifests.Workloads.SelectMany(w => w.Containers)
            .Select(c => (c, image: c.Body.StringAt("image")))
            .Where(x => x.image is null || !ImageReference.Parse(x.image).IsPinned)
            .Select(x => $"{x.c.Id}: image '{x.image ?? "(none)"}' is not pinned to a release tag or digest")
            .ToList();

    /// <summary>Deployments replace pods one at a time without ever going below the desired count.</summary>
    public static IReadOnlyList<string> RollingUpdatesKeepCapacity(ManifestSet manifests) =>
        manifests.OfKind("Deployment")
            .Where(d => d.Spec.StringAt("strategy", "type") != "RollingUpdate" || d.Spec.StringAt("strategy", "rollingUpdate", "maxUnavailable") is not ("0" or "0%"))
            .Select(d => $"{d.Id}: strategy is not RollingUpdate with maxUnavailable 0")
            .ToList();

    /// <summary>A Deployment an autoscaler owns leaves spec.replicas unset, or every apply would reset the autoscaler's choice.</summary>
    public static IReadOnlyList<string> AutoscaledReplicasLeftUnset(ManifestSet manifests)
    {
        var scaled = manifests.OfKind("HorizontalPodAutoscaler").Concat(manifests.OfKind("ScaledObject"))
            .Select(s => s.Spec.StringAt("scaleTargetRef", "name"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return manifests.OfKind("Deployment")
            .Where(d => scaled.Contains(d.Name) && d.Spec.At("replicas") is not null)
            .Select(d => $"{d.Id}: sets spec.replicas although an autoscaler owns its replica count")
            .ToList();
    }
}
