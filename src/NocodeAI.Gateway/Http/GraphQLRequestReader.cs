using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using NocodeAI.Gateway.Execution;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Http;

/// <summary>A request the transport could not read as a GraphQL request: answered with <see cref="Status"/> and the error.</summary>
public sealed record RequestProblem(int Status, string Message, string Code);

/// <summary>
/// Reads a GraphQL request from a POST body or GET parameters (GraphQL over HTTP), resolving
/// automatic persisted queries (<c>extensions.persistedQuery</c>) and trusted documents.
/// </summary>
public sealed class GraphQLRequestReader(PersistedDocuments documents)
{
    public const string BadRequest = "BAD_REQUEST";

    public async Task<(GatewayRequest? Request, RequestProblem? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return FromQueryString(request.Query);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return (null, new RequestProblem(StatusCodes.Status405MethodNotAllowed, "GraphQL requests are GET or POST.", BadRequest));
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mediaType, "application/graphql-response+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, "Send the request as 'Content-Type: application/json'.", BadRequest));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBytes} bytes.", BadRequest));
        }

        var body = await ReadBodyAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBytes} bytes.", BadRequest));
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body.Value);
        }
        catch (JsonException)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, "The request body is not valid JSON.", BadRequest));
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new RequestProblem(StatusCodes.Status400BadRequest, "The request body must be a JSON object with a 'query'.", BadRequest));
            }

            return FromJson(json.RootElement);
        }
    }

    /// <summary>The body in one array: sized by Content-Length when the client sent one; null when over the limit.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length and <= int.MaxValue)
        {
            var exact = new byte[length];
            var filled = 0;
            int read;
            while (filled < exact.Length && (read = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            return exact.AsMemory(0, filled);
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) return null;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>A request from a JSON object (a POST body or a WebSocket <c>subscribe</c> payload).</summary>
    public (GatewayRequest? Request, RequestProblem? Problem) FromJson(JsonElement root)
    {
        string? query = null, operationName = null;
        var variables = default(JsonElement);
        var extensions = default(JsonElement);
        if (root.TryGetProperty("query", out var q))
        {
            if (q.ValueKind == JsonValueKind.String) query = q.GetString();
            else if (q.ValueKind != JsonValueKind.Null) return (null, Problem("'query' must be a string."));
        }

        if (root.TryGetProperty("operationName", out var o))
        {
            if (o.ValueKind == JsonValueKind.String) operationName = o.GetString();
            else if (o.ValueKind != JsonValueKind.Null) return (null, Problem("'operationName' must be a string."));
        }

        if (root.TryGetProperty("variables", out var v))
        {
            if (v.ValueKind == JsonValueKind.Object) variables = v.Clone();
            else if (v.ValueKind != JsonValueKind.Null) return (null, Problem("'variables' must be an object."));
        }

        if (root.TryGetProperty("extensions", out var e))
        {
            if (e.ValueKind == JsonValueKind.Object) extensions = e.Clone();
            else if (e.ValueKind != JsonValueKind.Null) return (null, Problem("'extensions' must be an object."));
        }

        var documentId = root.TryGetProperty("documentId", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return Resolve(query, operationName, variables, extensions, documentId);
    }

    private (GatewayRequest?, RequestProblem?) FromQueryString(IQueryCollection parameters)
    {
        var query = Single(parameters["query"]);
        var operationName = Single(parameters["operationName"]);
        var variables = default(JsonElement);
        var extensions = default(JsonElement);
        if (Single(parameters["variables"]) is { Length: > 0 } variablesText)
        {
            try
            {
                using var parsed = JsonDocument.Parse(variablesText);
                if (parsed.RootElement.ValueKind == JsonValueKind.Object) variables = parsed.RootElement.Clone();
                else if (parsed.RootElement.ValueKind != JsonValueKind.Null) return (null, Problem("'variables' must be a JSON object."));
            }
            catch (JsonException)
            {
                return (null, Problem("'variables' is not valid JSON."));
            }
        }

        if (Single(parameters["extensions"]) is { Length: > 0 } extensionsText)
        {
            try
            {
                using var parsed = JsonDocument.Parse(extensionsText);
                if (parsed.RootElement.ValueKind == JsonValueKind.Object) extensions = parsed.RootElement.Clone();
            }
            catch (JsonException)
            {
                return (null, Problem("'extensions' is not valid JSON."));
            }
        }

        return Resolve(query, operationName, variables, extensions, Single(parameters["documentId"]));
    }

    private (GatewayRequest?, RequestProblem?) Resolve(string? query, string? operationName, JsonElement variables, JsonElement extensions, string? documentId)
    {
        string? hash = documentId;
        if (extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty("persistedQuery", out var persisted) && persisted.ValueKind == JsonValueKind.Object
            && persisted.TryGetProperty("sha256Hash", out var sha) && sha.ValueKind == JsonValueKind.String)
        {
            hash = sha.GetString();
        }

        var resolved = documents.Resolve(query, hash);
        if (resolved.Problem is { } problem)
        {
            return (null, problem);
        }

        return (new GatewayRequest(resolved.Query!, operationName, variables), null);
    }

    private static RequestProblem Problem(string message) => new(StatusCodes.Status400BadRequest, message, BadRequest);

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[^1];
}

/// <summary>
/// Documents known by hash. Automatic persisted queries: a client may send only the SHA-256 of a
/// document it sent before (<c>PersistedQueryNotFound</c> asks it to send the text once). Trusted
/// documents: a manifest written when the web app is built; with <c>TrustedDocumentsOnly</c> the
/// gateway runs nothing else, as Apollo Router and Hive do in production.
/// </summary>
public sealed class PersistedDocuments
{
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string NotTrusted = "PERSISTED_QUERY_NOT_LISTED";
    private const int Capacity = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _automatic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _trusted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _trustedTexts = new(StringComparer.Ordinal);
    private readonly bool _trustedOnly;

    public PersistedDocuments(GatewayOptions options, ILogger<PersistedDocuments> logger)
    {
        if (options.TrustedDocumentsPath is { Length: > 0 } path && File.Exists(path))
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var entry in manifest.RootElement.EnumerateObject())
            {
                var hash = entry.Name.StartsWith("sha256:", StringComparison.Ordinal) ? entry.Name[7..] : entry.Name;
                var text = entry.Value.GetString()!;
                _trusted[hash] = text;
                _trustedTexts.Add(Canonical(text) ?? text);
            }

            logger.LogInformation("{Count} trusted documents loaded from {Path}", _trusted.Count, path);
            _trustedOnly = options.TrustedDocumentsOnly;
        }
        else if (options.TrustedDocumentsOnly)
        {
            throw new InvalidOperationException($"Gateway:TrustedDocumentsOnly is set but the manifest '{options.TrustedDocumentsPath}' does not exist.");
        }
    }

    /// <summary>
    /// A document as its tokens joined by single spaces: the app's GraphQL client prints documents its
    /// own way (spacing, commas, line breaks), so a registered document is recognised by its tokens.
    /// </summary>
    public static string? Canonical(string document)
    {
        var tokens = new System.Text.StringBuilder(document.Length);
        var position = 0;
        try
        {
            while (true)
            {
                var token = GraphQLParser.Lexer.Lex(document, position);
                if (token.Kind == GraphQLParser.TokenKind.EOF) return tokens.ToString();
                if (tokens.Length > 0) tokens.Append(' ');
                tokens.Append(document.AsSpan(token.Start, token.End - token.Start));
                position = token.End;
            }
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null;
        }
    }

    public (string? Query, RequestProblem? Problem) Resolve(string? query, string? hash)
    {
        if (hash is not null && hash.StartsWith("sha256:", StringComparison.Ordinal))
        {
            hash = hash[7..];
        }

        if (query is null)
        {
            if (hash is null)
            {
                return (null, new RequestProblem(StatusCodes.Status400BadRequest, "The request has no 'query'.", GraphQLRequestReader.BadRequest));
            }

            if (_trusted.TryGetValue(hash, out var trusted)) return (trusted, null);
            if (!_trustedOnly && _automatic.TryGetValue(hash, out var known)) return (known, null);
            return (null, new RequestProblem(StatusCodes.Status200OK, "PersistedQueryNotFound", NotFound));
        }

        if (_trustedOnly && !_trustedTexts.Contains(Canonical(query) ?? query))
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, "Only trusted documents are accepted here; this one is not in the manifest.", NotTrusted));
        }

        if (hash is not null)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
            if (!string.Equals(actual, hash, StringComparison.OrdinalIgnoreCase))
            {
                return (null, new RequestProblem(StatusCodes.Status400BadRequest, "The persisted query's sha256Hash does not match its query.", GraphQLRequestReader.BadRequest));
            }

            if (_automatic.Count >= Capacity) _automatic.Clear();
            _automatic[actual] = query;
        }

        return (query, null);
    }
}
