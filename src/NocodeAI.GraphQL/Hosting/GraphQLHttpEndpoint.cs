using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL.Transport;
using GraphQL.Validation;
using NocodeAI.GraphQL.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace NocodeAI.GraphQL.Hosting;

/// <summary>
/// GraphQL over HTTP for one subgraph: POST (JSON) and GET (queries only), answering
/// <c>application/graphql-response+json</c> or <c>application/json</c> by the Accept header, and
/// subscriptions as server-sent events (graphql-sse "distinct connections": <c>next</c> and
/// <c>complete</c> events, keep-alive comments). A subscriber that disconnects releases its stream
/// at once; a subgraph that shuts down ends its streams with an error, never a silent complete.
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";

    public static IEndpointConventionBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/graphql") =>
        endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], HandleAsync);

    private static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var limits = services.GetRequiredService<IOptions<GraphQLHostOptions>>().Value;
        var accept = http.Request.GetTypedHeaders().Accept.Select(a => a.MediaType.Value ?? string.Empty).ToList();
        var wantsEvents = accept.Contains(EventStream, StringComparer.OrdinalIgnoreCase);
        var contentType = ChooseContentType(accept);
        if (contentType is null && !wantsEvents)
        {
            await WriteRequestErrorAsync(http, serializer, StatusCodes.Status406NotAcceptable, Json, "NOT_ACCEPTABLE",
                $"Accept {GraphQLResponseJson}, {Json} or {EventStream}.");
            return;
        }

        contentType ??= GraphQLResponseJson;
        var (request, problem) = await ReadRequestAsync(http, serializer, limits);
        if (request is null)
        {
            await WriteRequestErrorAsync(http, serializer, problem!.Value.Status, contentType, problem.Value.Code, problem.Value.Message);
            return;
        }

        var tokenProblem = await PresentedToken.ProblemAsync(http);
        if (tokenProblem is { } refused && wantsEvents)
        {
            // A stream is refused before it starts, as one error event; queries and mutations answer per
            // field (RefuseInvalidTokenVisitor).
            var refusal = NocodeException.InvalidToken(refused);
            var error = new ExecutionError(refusal.Message) { Code = refusal.Code };
            error.Data["reason"] = refusal.Details["reason"];
            await StreamEventsAsync(http, serializer, new ExecutionResult { Errors = [error] }, limits);
            return;
        }

        var options = new ExecutionOptions
        {
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            User = http.User,
            UserContext = new GraphQLUserContext(http.User, tokenProblem),
            RequestServices = services,
            CancellationToken = http.RequestAborted,
        };
        if (HttpMethods.IsGet(http.Request.Method))
        {
            options.ValidationRules = DocumentValidator.CoreRules.Append(QueriesOnlyOverGetRule.Instance);
            // A mutation's text cached from a POST is still refused over GET.
            options.CachedDocumentValidationRules = [QueriesOnlyOverGetRule.Instance];
        }

        var executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(options);

        if (wantsEvents)
        {
            await StreamEventsAsync(http, serializer, result, limits);
            return;
        }

        if (result.Streams is { Count: > 0 })
        {
            await WriteRequestErrorAsync(http, serializer, StatusCodes.Status400BadRequest, contentType, "SUBSCRIPTION_NEEDS_STREAM",
                $"Subscriptions are served as server-sent events: send 'Accept: {EventStream}', or use the gateway's WebSocket.");
            return;
        }

        // graphql-response+json tells a client that the request failed before execution with a 4xx;
        // plain application/json keeps the traditional 200 for every well-formed request.
        http.Response.StatusCode = !result.Executed && contentType == GraphQLResponseJson
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        if (HttpMethods.IsGet(http.Request.Method) && result.Errors?.Any(e => e.Code == QueriesOnlyOverGetRule.Code) == true)
        {
            // GET is for queries only: a mutation (or subscription) is the wrong method, whatever the media type.
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = HttpMethods.Post;
        }

        http.Response.ContentType = $"{contentType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>
    /// graphql-response+json (with the spec's status codes) when the client names it; otherwise plain
    /// JSON when it accepts that, anything, or sends no Accept at all, as GraphQL over HTTP recommends.
    /// </summary>
    private static string? ChooseContentType(List<string> accept)
    {
        if (accept.Contains(GraphQLResponseJson, StringComparer.OrdinalIgnoreCase))
        {
            return GraphQLResponseJson;
        }

        return accept.Count == 0 || accept.Contains("*/*") || accept.Contains("application/*") || accept.Contains(Json, StringComparer.OrdinalIgnoreCase)
            ? Json
            : null;
    }

    private readonly record struct RequestProblem(int Status, string Code, string Message);

    private static async Task<(GraphQLRequest? Request, RequestProblem? Problem)> ReadRequestAsync(
        HttpContext http, IGraphQLTextSerializer serializer, GraphQLHostOptions limits)
    {
        GraphQLRequest? request;
        try
        {
            if (HttpMethods.IsGet(http.Request.Method))
            {
                var query = http.Request.Query;
                request = new GraphQLRequest
                {
                    Query = NullIfEmpty(query["query"]),
                    OperationName = NullIfEmpty(query["operationName"]),
                    Variables = NullIfEmpty(query["variables"]) is { } variables ? serializer.Deserialize<Inputs>(variables) : null,
                    Extensions = NullIfEmpty(query["extensions"]) is { } extensions ? serializer.Deserialize<Inputs>(extensions) : null,
                };
            }
            else
            {
                var mediaType = http.Request.GetTypedHeaders().ContentType?.MediaType.Value;
                if (mediaType is null || !(mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
                    || mediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)))
                {
                    return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                        $"POST a JSON body with 'Content-Type: {Json}'."));
                }

                if (http.Request.ContentLength > limits.MaxRequestBytes)
                {
                    return (null, TooLarge(limits));
                }

                var body = await ReadLimitedAsync(http.Request.Body, limits.MaxRequestBytes, http.RequestAborted);
                if (body is null)
                {
                    return (null, TooLarge(limits));
                }

                request = serializer.Deserialize<GraphQLRequest>(body);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, "BAD_REQUEST",
                "The request body is not a GraphQL request: expected JSON like {\"query\": \"...\", \"variables\": {...}}."));
        }

        if (string.IsNullOrWhiteSpace(request?.Query) && request?.DocumentId is null)
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, "BAD_REQUEST", "The request has no 'query'."));
        }

        // PostgreSQL text cannot hold U+0000, so a NUL would reach the database and fail there as an
        // internal error. It is never meaningful in a name or a message: refuse it up front, clearly.
        if (ContainsNul(request!.Query) || ContainsNul(request.Variables))
        {
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, "VALIDATION_FAILED",
                "Text may not contain the NUL character (U+0000)."));
        }

        return (request, null);
    }

    private static bool ContainsNul(object? value) => value switch
    {
        string text => text.Contains('\0', StringComparison.Ordinal),
        IEnumerable<KeyValuePair<string, object?>> map => map.Any(pair => ContainsNul(pair.Key) || ContainsNul(pair.Value)),
        System.Collections.IEnumerable items => items.Cast<object?>().Any(ContainsNul),
        _ => false,
    };

    private static RequestProblem TooLarge(GraphQLHostOptions limits) =>
        new(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"A request may be at most {limits.MaxRequestBytes} bytes.");

    private static async Task<string?> ReadLimitedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string? NullIfEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();

    private static async Task WriteRequestErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string contentType, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{contentType}; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>Ends the stream with UNAUTHENTICATED (reason revoked) when its token has been revoked; true when it did.</summary>
    private static async Task<bool> EndIfRevokedAsync(HttpContext http, TokenRevocations? revocations, IGraphQLTextSerializer serializer)
    {
        if (revocations is null || !await revocations.IsRevokedAsync(http.User))
        {
            return false;
        }

        var refusal = NocodeException.InvalidToken(TokenFailure.Revoked);
        var error = new ExecutionError(refusal.Message) { Code = refusal.Code };
        error.Data["reason"] = refusal.Details["reason"];
        await WriteEventAsync(http.Response, "next", serializer.Serialize(new ExecutionResult { Errors = [error] }), http.RequestAborted);
        await WriteEventAsync(http.Response, "complete", string.Empty, http.RequestAborted);
        return true;
    }

    private static async Task StreamEventsAsync(HttpContext http, IGraphQLTextSerializer serializer, ExecutionResult result, GraphQLHostOptions limits)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EventStream;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var aborted = http.RequestAborted;
        if (result.Streams is not { Count: > 0 } streams)
        {
            // A query or mutation asked for as a stream, or a subscription that failed validation.
            await WriteEventAsync(response, "next", serializer.Serialize(result), aborted);
            await WriteEventAsync(response, "complete", string.Empty, aborted);
            return;
        }

        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLHttpEndpoint));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var events = Channel.CreateBounded<SseEvent>(new BoundedChannelOptions(256)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });

        // A stream outlives the check its token passed at the start: once the token is signed out or its
        // user's rights change, the next event (or keep-alive) ends it instead of delivering.
        var revocations = http.User.Identity?.IsAuthenticated == true ? http.RequestServices.GetService<TokenRevocations>() : null;

        // One root field per subscription operation (GraphQL rule), so one stream.
        var stream = streams.Values.First();
        using var subscription = stream.Subscribe(new ChannelObserver(events.Writer, serializer));
        await response.Body.FlushAsync(aborted);

        try
        {
            var keepAlive = TimeSpan.FromSeconds(limits.KeepAliveSeconds);
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
                wait.CancelAfter(keepAlive);
                bool available;
                try
                {
                    available = await events.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!linked.IsCancellationRequested)
                {
                    if (await EndIfRevokedAsync(http, revocations, serializer))
                    {
                        return;
                    }

                    await response.WriteAsync(": keep-alive\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                    continue;
                }

                if (!available)
                {
                    break;
                }

                if (await EndIfRevokedAsync(http, revocations, serializer))
                {
                    return;
                }

                while (events.Reader.TryRead(out var item))
                {
                    await WriteEventAsync(response, item.Event, item.Data, aborted);
                }
            }

            await WriteEventAsync(response, "complete", string.Empty, aborted);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            logger.LogInformation("Ending a subscription stream because the service is stopping");
            var error = new ExecutionResult
            {
                Errors = [new ExecutionError("The service is shutting down; subscribe again.") { Code = "SUBGRAPH_UNAVAILABLE" }],
            };
            await WriteEventAsync(response, "next", serializer.Serialize(error), CancellationToken.None);
            await WriteEventAsync(response, "complete", string.Empty, CancellationToken.None);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The subscriber went away; disposing the subscription (using above) releases Redis.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private readonly record struct SseEvent(string Event, string Data);

    private sealed class ChannelObserver(ChannelWriter<SseEvent> writer, IGraphQLTextSerializer serializer) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => writer.TryWrite(new SseEvent("next", serializer.Serialize(value)));

        public void OnError(Exception error)
        {
            // The stream's own error arrives as an ExecutionError (mapped by UnhandledExceptionMapper): keep its code.
            var code = error switch
            {
                NocodeException nocode => nocode.Code,
                ExecutionError { Code: { } mapped } => mapped,
                _ => "STREAM_FAILED",
            };
            var message = error is NocodeException or ExecutionError ? error.Message : "The subscription stream failed; subscribe again.";
            var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
            writer.TryWrite(new SseEvent("next", serializer.Serialize(result)));
            writer.TryComplete();
        }

        public void OnCompleted() => writer.TryComplete();
    }
}
