using System.Globalization;

namespace NocodeAI.IntegrationTests.Support;

public static class JsonExtensions
{
    /// <summary>Follows a dotted path of property names (<c>metrics.auc</c>); null when a step is missing or JSON null.</summary>
    public static JsonElement? Path(this JsonElement element, string path)
    {
        var current = element;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current) || current.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        return current;
    }

    public static string? Text(this JsonElement element, string path) =>
        element.Path(path) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    public static string RequiredText(this JsonElement element, string path) =>
        element.Text(path) ?? throw new Xunit.Sdk.XunitException($"Missing '{path}' in {element.GetRawText()}");

    public static double? Number(this JsonElement element, string path) =>
        element.Path(path) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static IReadOnlyList<JsonElement> Items(this JsonElement element, string path) =>
        element.Path(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];

    public static IReadOnlyList<string> Strings(this JsonElement element, string path) =>
        element.Items(path).Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText()).ToList();

    public static DateTimeOffset? Timestamp(this JsonElement element, string path) =>
        element.Text(path) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
}
