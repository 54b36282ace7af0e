using System.Net;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>
/// One GraphQL response (an HTTP body, a WebSocket <c>next</c> payload or an SSE <c>next</c> event):
/// the parsed JSON plus what a test asks of it, such as <see cref="ErrorCode"/> or a field by path.
/// Every failure message carries the raw body, so a failing test shows what the server said.
/// </summary>
public sealed class GraphQLResult
{
    private const int MaxBodyInMessages = 4_000;

    private GraphQLResult(HttpStatusCode? status, string body, JsonElement? root)
    {
        Status = status;
        Body = body;
        Root = root;
    }

    /// <summary>The HTTP status, or null for a result that arrived on a stream.</summary>
    public HttpStatusCode? Status { get; }

    public string Body { get; }

    /// <summary>The parsed body, or null when it was not JSON.</summary>
    public JsonElement? Root { get; }

    /// <summary><c>data</c>, or null when it is absent or JSON null.</summary>
    public JsonElement? Data =>
        Root is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null
            ? data
            : null;

    public IReadOnlyList<JsonElement> Errors =>
        Root is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().ToList()
            : [];

    public bool HasErrors => Errors.Count > 0;

    public static GraphQLResult Parse(HttpStatusCode? status, string body)
    {
        JsonElement? root = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
        }

        return new GraphQLResult(status, body, root);
    }

    /// <summary><c>errors[index].extensions.code</c>, or null.</summary>
    public string? ErrorCode(int index = 0) => ErrorExtension("code", index);

    /// <summary><c>errors[index].extensions.&lt;name&gt;</c> as text, or null.</summary>
    public string? ErrorExtension(string name, int index = 0)
    {
        var errors = Errors;
        if (index >= errors.Count
            || !errors[index].TryGetProperty("extensions", out var extensions)
            || extensions.ValueKind != JsonValueKind.Object
            || !extensions.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
    }

    /// <summary>Every <c>extensions.code</c> in the response, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes() => Enumerable.Range(0, Errors.Count).Select(i => ErrorCode(i)).ToList();

    /// <summary>A field under <c>data</c> by dotted path (<c>login.user.roles</c>); fails the test when absent.</summary>
    public JsonElement Field(string path) =>
        FieldOrNull(path) ?? throw new Xunit.Sdk.XunitException($"The response has no data.{path}.\n{this}");

    /// <summary>A field under <c>data</c> by dotted path, or null when it is absent or JSON null.</summary>
    public JsonElement? FieldOrNull(string path) => Data is { } data ? data.Path(path) : null;

    /// <summary>Fails the test unless the response is a success without errors; returns this for chaining.</summary>
    public GraphQLResult EnsureSuccess()
    {
        if (Root is null || HasErrors || Data is null || Status is { } status && (int)status >= 400)
        {
            throw new Xunit.Sdk.XunitException($"Expected a GraphQL response with data and no errors.\n{this}");
        }

        return this;
    }

    public override string ToString()
    {
        var body = Body.Length > MaxBodyInMessages ? Body[..MaxBodyInMessages] + "…" : Body;
        return Status is { } status ? $"HTTP {(int)status}: {body}" : body;
    }
}
