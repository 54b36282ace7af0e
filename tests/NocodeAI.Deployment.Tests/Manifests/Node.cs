using YamlDotNet.RepresentationModel;

namespace NocodeAI.Deployment.Tests.Manifests;

/// <summary>
/// Rendered YAML as plain .NET values: mappings become dictionaries, sequences lists, scalars strings.
/// The accessors return null or empty instead of throwing, so a check can say what is missing.
/// </summary>
public static class Node
{
    private static readonly IReadOnlyDictionary<string, object?> EmptyMap = new Dictionary<string, object?>(StringComparer.Ordinal);

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Select(d => Convert(d.RootNode))
            .OfType<IReadOnlyDictionary<string, object?>>()
            .ToList();
    }

    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not IReadOnlyDictionary<string, object?> map || !map.TryGetValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static IReadOnlyDictionary<string, object?> MapAt(this object? node, params string[] path) =>
        node.At(path) as IReadOnlyDictionary<string, object?> ?? EmptyMap;

    public static IReadOnlyList<object?> ListAt(this object? node, params string[] path) =>
        node.At(path) as IReadOnlyList<object?> ?? [];

    public static IEnumerable<IReadOnlyDictionary<string, object?>> MapsAt(this object? node, params string[] path) =>
        node.ListAt(path).OfType<IReadOnlyDictionary<string, object?>>();

    public static string? StringAt(this object? node, params string[] path) => node.At(path) as string;

    /// <summary>A string-to-string map such as labels or a Service selector.</summary>
    public static IReadOnlyDictionary<string, string> StringsAt(this object? node, params string[] path) =>
        node.MapAt(path)
            .Where(entry => entry.Value is string)
            .ToDictionary(entry => entry.Key, entry => (string)entry.Value!, StringComparer.Ordinal);

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            child => ((YamlScalarNode)child.Key).Value ?? string.Empty,
            child => Convert(child.Value),
            StringComparer.Ordinal),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };
}
