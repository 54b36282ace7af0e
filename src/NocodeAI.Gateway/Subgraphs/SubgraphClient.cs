using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NocodeAI.Gateway.Observability;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Subgraphs;

/// <summary>The client headers an operation carries to the subgraphs.</summary>
/// <param name="Authorization">The caller's token (HTTP header, or the WebSocket's <c>connection_init</c> payload).</param>
/// <param name="ForwardedFor">The client address a proxy recorded: access throttles failed sign-ins per address.</param>
public sealed record ForwardedHeaders(string? Authorization, string? ForwardedFor)
{
    public static readonly ForwardedHeaders None = new(null, null);
}

/// <summary>A subgraph answered with something other than a GraphQL response, or could not be reached.</summary>
public sealed class SubgraphUnavailableException(string subgraph, string reason, Exception? inner = null)
    : Exception($"Subgraph \"{subgraph}\" is unavailable: {reason}", inner)
{
    public string Subgraph { get; } = subgraph;
}

/// <summary>A subgraph's response passed through unchanged.</summary>
public sealed record RawResponse(HttpStatusCode Status, string? ContentType, byte[] Body);

/// <summary>
/// The gateway's one way to the subgraphs over HTTP: pooled keep-alive connections (one
/// <see cref="HttpClient"/> per process), a timeout per subgraph request, one retry of a query whose
/// connection failed before any answer (never of a mutation), and SSE for subscriptions.
/// </summary>
public sealed class SubgraphClient(HttpClient http, SubgraphEndpoints endpoints, GatewayMetrics metrics, ILogger<SubgraphClient> logger)
{
    private static readonly MediaTypeWithQualityHeaderValue GraphQLResponse = new("application/graphql-response+json");
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    /// <summary>Sends one fetch and returns the subgraph's GraphQL response (<c>data</c>, <c>errors</c>).</summary>
    public async Task<JsonObject> ExecuteAsync(
        string graph,
        string document,
        JsonElement variables,
        IReadOnlyList<string> variableNames,
        JsonArray? representations,
        ForwardedHeaders headers,
        bool retryable,
        CancellationToken cancellationToken)
    {
        var body = Body(document, null, variables, variableNames, representations);
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            using var activity = GatewayMetrics.Source.StartActivity($"fetch {graph}");
            activity?.SetTag("graphql.subgraph", graph);
            try
            {
                using var request = Request(graph, body, headers, accept: false);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                JsonNode? parsed;
                try
                {
                    parsed = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
                }
                catch (JsonException ex)
                {
                    throw new SubgraphUnavailableException(endpoints.Name(graph), $"HTTP {(int)response.StatusCode} without a GraphQL response", ex);
                }

                if (parsed is not JsonObject result || (!result.ContainsKey("data") && !result.ContainsKey("errors")))
                {
                    throw new SubgraphUnavailableException(endpoints.Name(graph), $"HTTP {(int)response.StatusCode} without a GraphQL response");
                }

                metrics.Fetched(endpoints.Name(graph), "ok", Stopwatch.GetElapsedTime(started));
                return result;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                metrics.Fetched(endpoints.Name(graph), "unavailable", Stopwatch.GetElapsedTime(started));
                if (retryable && attempt == 1 && ex is HttpRequestException)
                {
                    logger.LogDebug(ex, "Retrying a query to {Subgraph} once", endpoints.Name(graph));
                    continue;
                }

                throw new SubgraphUnavailableException(endpoints.Name(graph), ex is TaskCanceledException ? "timed out" : ex.Message, ex);
            }
        }
    }

    /// <summary>The client's own request, sent as it came (one-subgraph operations); the answer is passed back as it came.</summary>
    public async Task<RawResponse> ForwardAsync(string graph, string query, string? operationName, JsonElement variables, ForwardedHeaders headers, bool retryable, CancellationToken cancellationToken)
    {
        var body = Body(query, operationName, variables, null, null);
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = Request(graph, body, headers, accept: false);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var type = response.Content.Headers.ContentType?.MediaType;
                if (type is not ("application/graphql-response+json" or "application/json"))
                {
                    throw new SubgraphUnavailableException(endpoints.Name(graph), $"HTTP {(int)response.StatusCode} without a GraphQL response");
                }

                metrics.Fetched(endpoints.Name(graph), "ok", Stopwatch.GetElapsedTime(started));
                return new RawResponse(response.StatusCode, type, bytes);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                metrics.Fetched(endpoints.Name(graph), "unavailable", Stopwatch.GetElapsedTime(started));
                if (retryable && attempt == 1 && ex is HttpRequestException)
                {
                    continue;
                }

                throw new SubgraphUnavailableException(endpoints.Name(graph), ex is TaskCanceledException ? "timed out" : ex.Message, ex);
            }
        }
    }

    /// <summary>
    /// A subscription over graphql-sse (distinct connections): each <c>next</c> event's payload until
    /// <c>complete</c>. A stream that ends without <c>complete</c>, fails, or stays silent longer than
    /// <paramref name="idleTimeout"/> (subgraphs send keep-alive comments) throws <see cref="SubgraphUnavailableException"/>.
    /// </summary>
    public async IAsyncEnumerable<JsonObject> SubscribeAsync(
        string graph,
        string document,
        string? operationName,
        JsonElement variables,
        IReadOnlyList<string>? variableNames,
        ForwardedHeaders headers,
        TimeSpan idleTimeout,
        Action? opened,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = endpoints.Name(graph);
        var body = Body(document, operationName, variables, variableNames, null);
        using var request = Request(graph, body, headers, accept: true);
        HttpResponseMessage response;
        using var streamTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SubgraphUnavailableException(name, ex.Message, ex);
        }

        using var _ = response;
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            // A refusal before the stream starts (bad token, validation) is an ordinary GraphQL response.
            JsonObject? refusal = null;
            try
            {
                refusal = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken) as JsonObject;
            }
            catch (JsonException)
            {
            }

            if (refusal is null)
            {
                throw new SubgraphUnavailableException(name, $"HTTP {(int)response.StatusCode} without an event stream");
            }

            yield return refusal;
            yield break;
        }

        // The subgraph answers with the stream once it listens for changes: from here on, none is missed.
        opened?.Invoke();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? eventName = null;
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                // One timer, re-armed per line: silence longer than the idle timeout ends the stream.
                if (idleTimeout > TimeSpan.Zero) streamTimeout.CancelAfter(idleTimeout);
                line = await reader.ReadLineAsync(streamTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SubgraphUnavailableException(name, $"sent nothing for {idleTimeout.TotalSeconds:0} s");
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new SubgraphUnavailableException(name, "the stream broke", ex);
            }

            if (line is null)
            {
                throw new SubgraphUnavailableException(name, "ended the stream without completing it");
            }

            if (line.Length == 0)
            {
                if (eventName == "complete")
                {
                    yield break;
                }

                if (data.Length > 0 && JsonNode.Parse(data.ToString()) is JsonObject payload)
                {
                    yield return payload;
                }

                eventName = null;
                data.Clear();
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0) data.Append('\n');
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }
    }

    private HttpRequestMessage Request(string graph, byte[] body, ForwardedHeaders headers, bool accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoints.Url(graph))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version11,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (accept)
        {
            request.Headers.Accept.Add(EventStream);
        }
        else
        {
            request.Headers.Accept.Add(GraphQLResponse);
            request.Headers.Accept.Add(Json);
        }

        if (headers.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (headers.ForwardedFor is { } forwardedFor)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    private static byte[] Body(string query, string? operationName, JsonElement variables, IReadOnlyList<string>? names, JsonArray? representations)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(query.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            if (operationName is not null)
            {
                writer.WriteString("operationName", operationName);
            }

            var hasVariables = variables.ValueKind == JsonValueKind.Object;
            if (representations is not null || (hasVariables && (names is null || names.Count > 0)))
            {
                writer.WritePropertyName("variables");
                writer.WriteStartObject();
                if (representations is not null)
                {
                    writer.WritePropertyName("representations");
                    representations.WriteTo(writer);
                }

                if (hasVariables)
                {
                    foreach (var property in variables.EnumerateObject())
                    {
                        if (names is null || names.Contains(property.Name))
                        {
                            property.WriteTo(writer);
                        }
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Where each subgraph is: the supergraph's <c>@join__graph(url:)</c>, or <c>&lt;NAME&gt;_URL</c> from configuration.</summary>
public sealed class SubgraphEndpoints(IConfiguration configuration, SupergraphSource source)
{
    public string Name(string graph) => source.Current.Model.Subgraphs.TryGetValue(graph, out var info) ? info.Name : graph.ToLowerInvariant();

    public Uri Url(string graph)
    {
        var info = source.Current.Model.Subgraphs[graph];
        var key = info.Name.ToUpperInvariant().Replace('-', '_') + "_URL";
        return configuration[key] is { Length: > 0 } overridden ? new Uri(overridden) : info.Url;
    }
}
