using System.Text;

namespace NocodeAI.Deployment.Tests.Manifests;

/// <summary>One rendered object.</summary>
public sealed record Resource(string ApiVersion, string Kind, string Name, IReadOnlyDictionary<string, object?> Body)
{
    public string Id => $"{Kind}/{Name}";

    public IReadOnlyDictionary<string, object?> Spec => Body.MapAt("spec");

    public IReadOnlyDictionary<string, string> Labels => Body.StringsAt("metadata", "labels");

    public override string ToString() => Id;
}

/// <summary>Something that runs pods: a controller with a pod template, or an operator's cluster whose pods it creates.</summary>
public sealed record Workload(Resource Resource, IReadOnlyDictionary<string, string> PodLabels, IReadOnlyDictionary<string, object?>? PodSpec)
{
    /// <summary>Long-running pods, which need startup, readiness and liveness probes (a Job's pod ends by design).</summary>
    public bool IsLongRunning => Resource.Kind is "Deployment" or "StatefulSet" or "DaemonSet";

    public IEnumerable<Container> Containers =>
        PodSpec is null
            ? []
            : PodSpec.MapsAt("containers").Select(c => new Container(this, c.StringAt("name") ?? "?", c, IsInit: false))
                .Concat(PodSpec.MapsAt("initContainers").Select(c => new Container(this, c.StringAt("name") ?? "?", c, IsInit: true)));

    public IEnumerable<string> PortNames => Containers.SelectMany(c => c.Body.MapsAt("ports")).Select(p => p.StringAt("name")).OfType<string>();

    public override string ToString() => Resource.Id;
}

public sealed record Container(Workload Workload, string Name, IReadOnlyDictionary<string, object?> Body, bool IsInit)
{
    public string Id => $"{Workload.Resource.Id} {(IsInit ? "init container" : "container")} {Name}";
}

/// <summary>The keys a Secret offers; an ExternalSecret whose keys come from the store (dataFrom) may offer any.</summary>
public sealed record SecretKeys(string Source, IReadOnlySet<string> Keys, bool AnyKey)
{
    public bool Has(string key) => AnyKey || Keys.Contains(key);
}

/// <summary>Every object of one rendered overlay, with the lookups the checks need.</summary>
public sealed class ManifestSet
{
    private ManifestSet(IReadOnlyList<Resource> resources)
    {
        Resources = resources;
        Workloads = resources.Select(ToWorkload).OfType<Workload>().ToList();
    }

    public IReadOnlyList<Resource> Resources { get; }

    public IReadOnlyList<Workload> Workloads { get; }

    public static ManifestSet Parse(string yaml) =>
        new(Node.ParseDocuments(yaml)
            .Select(d => new Resource(d.StringAt("apiVersion") ?? string.Empty, d.StringAt("kind") ?? string.Empty, d.StringAt("metadata", "name") ?? string.Empty, d))
            .ToList());

    public IEnumerable<Resource> OfKind(string kind) => Resources.Where(r => r.Kind == kind);

    public Resource? Find(string kind, string name) => Resources.FirstOrDefault(r => r.Kind == kind && r.Name == name);

    public Workload? FindWorkload(string kind, string name) => Workloads.FirstOrDefault(w => w.Resource.Kind == kind && w.Resource.Name == name);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ConfigMaps =>
        OfKind("ConfigMap").ToDictionary(
            c => c.Name,
            c => (IReadOnlyDictionary<string, string>)c.Body.StringsAt("data")
                .Concat(c.Body.StringsAt("binaryData"))
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>Secrets by name: those rendered here, and those an ExternalSecret will create.</summary>
    public IReadOnlyDictionary<string, SecretKeys> Secrets
    {
        get
        {
            var secrets = new Dictionary<string, SecretKeys>(StringComparer.Ordinal);
            foreach (var secret in OfKind("Secret"))
            {
                var keys = secret.Body.MapAt("data").Keys.Concat(secret.Body.MapAt("stringData").Keys).ToHashSet(StringComparer.Ordinal);
                secrets[secret.Name] = new SecretKeys(secret.Id, keys, AnyKey: false);
            }

            foreach (var external in OfKind("ExternalSecret"))
            {
                var name = external.Spec.StringAt("target", "name") ?? external.Name;
                var template = external.Spec.MapAt("target", "template", "data");
                var keys = template.Count > 0
                    ? template.Keys.ToHashSet(StringComparer.Ordinal)
                    : external.Spec.MapsAt("data").Select(d => d.StringAt("secretKey")).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var anyKey = template.Count == 0 && external.Spec.ListAt("dataFrom").Count > 0;
                secrets[name] = new SecretKeys(external.Id, keys, anyKey);
            }

            return secrets;
        }
    }

    /// <summary>Decoded values of the Secrets rendered here (an ExternalSecret's values are in the store, not here).</summary>
    public IEnumerable<(Resource Secret, string Key, string Value)> SecretValues()
    {
        foreach (var secret in OfKind("Secret"))
        {
            foreach (var (key, value) in secret.Body.StringsAt("data"))
            {
                yield return (secret, key, Encoding.UTF8.GetString(Convert.FromBase64String(value)));
            }

            foreach (var (key, value) in secret.Body.StringsAt("stringData"))
            {
                yield return (secret, key, value);
            }
        }
    }

    public IEnumerable<Workload> WorkloadsSelectedBy(object? selector) => Workloads.Where(w => LabelSelector.Matches(selector, w.PodLabels));

    /// <summary>The Service a mesh host names (<c>models</c>, <c>models.nocode</c>, <c>models.nocode.svc.cluster.local</c>); null for an outside host.</summary>
    public Resource? ServiceForHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var segments = host.Split('.');
        var inCluster = segments.Length <= 2 || host.EndsWith(".svc", StringComparison.Ordinal) || host.EndsWith(".svc.cluster.local", StringComparison.Ordinal);
        return inCluster ? Find("Service", segments[0]) : null;
    }

    private static Workload? ToWorkload(Resource resource) => resource.Kind switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "Job" => new Workload(
            resource, resource.Spec.StringsAt("template", "metadata", "labels"), resource.Spec.MapAt("template", "spec")),
        "CronJob" => new Workload(
            resource,
            resource.Spec.StringsAt("jobTemplate", "spec", "template", "metadata", "labels"),
            resource.Spec.MapAt("jobTemplate", "spec", "template", "spec")),
        // CloudNativePG labels every instance pod with its cluster's name; the operator writes their spec.
        "Cluster" when resource.ApiVersion.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal) => new Workload(
            resource,
            new Dictionary<string, string>(resource.Spec.StringsAt("inheritedMetadata", "labels"), StringComparer.Ordinal) { ["cnpg.io/cluster"] = resource.Name },
            null),
        _ => null,
    };
}
