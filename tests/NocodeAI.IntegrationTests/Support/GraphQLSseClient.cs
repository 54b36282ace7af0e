using System.Runtime.CompilerServices;
using System.Text;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>One server-sent event: its <c>event:</c> name ("message" when absent) and its joined <c>data:</c> lines.</summary>
public sealed record SseEvent(string Event, string Data);

/// <summary>
/// GraphQL subscriptions over server-sent events (graphql-sse, distinct connections): a POST with
/// <c>Accept: text/event-stream</c>, then <c>event: next</c> frames with a result each and a final
/// <c>event: complete</c>. Comment lines (keep-alives) are skipped.
/// </summary>
public static class GraphQLSseClient
{
    public const string EventStream = "text/event-stream";

    /// <summary>Starts a subscription; returns once the server answered with an event stream (it then is subscribed).</summary>
    public static async Task<IGraphQLStream> SubscribeAsync(
        HttpClient http, Uri endpoint, string? token, string query, object? variables = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }, GraphQLClient.Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", EventStream);
        GraphQLClient.Authorize(request, token);

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != EventStream)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.ToString();
            response.Dispose();
            throw new GraphQLStreamException($"The SSE subscription was answered with HTTP {status} ({contentType}) instead of an event stream: {body}");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new SseStream(response, stream);
    }

    /// <summary>Parses an event stream into events (the WHATWG rules: <c>field: value</c>, a blank line ends an event).</summary>
    public static async IAsyncEnumerable<SseEvent> ReadEventsAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? eventName = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData || eventName is not null)
                {
                    yield return new SseEvent(eventName ?? "message", data.ToString());
                }

                eventName = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    eventName = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }

    private sealed class SseStream(HttpResponseMessage response, Stream body) : IGraphQLStream
    {
        public async IAsyncEnumerable<GraphQLResult> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            IAsyncEnumerator<SseEvent> events = ReadEventsAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    SseEvent item;
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            throw new GraphQLStreamException("The event stream ended without an 'event: complete'.");
                        }

                        item = events.Current;
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        throw new GraphQLStreamException($"The event stream broke: {ex.Message}", ex);
                    }

                    if (item.Event == "complete")
                    {
                        yield break;
                    }

                    if (item.Event is "next" or "message" && item.Data.Length > 0)
                    {
                        yield return GraphQLResult.Parse(null, item.Data);
                    }
                }
            }
            finally
            {
                await events.DisposeAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await body.DisposeAsync();
            response.Dispose();
        }
    }
}
