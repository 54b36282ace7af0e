using System.Text.Json.Serialization;

namespace NocodeAI.Messaging;

/// <summary>
/// The one JSON shape on the wire: camelCase properties and enums as their names
/// (<c>"FAST_TREE"</c>, not 0), so events stay readable in the stream and survive enum reordering.
/// </summary>
public static class MessagingJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // No naming policy: enum names are contract (SPEC §4 uses UPPER_CASE) and must not be camel-cased.
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
