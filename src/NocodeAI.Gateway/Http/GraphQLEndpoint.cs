using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using NocodeAI.Gateway.Execution;
using NocodeAI.Gateway.Subgraphs;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Http;

/// <summary>
/// GraphQL over HTTP at one URL: POST for everything, GET for queries only (a mutation over GET is
/// 405 with <c>Allow: POST</c>), <c>application/graphql-response+json</c> with the spec's status codes
/// or traditional <c>application/json</c> (200 for every well-formed request) as the client accepts,
/// server-sent events (graphql-sse, distinct connections) for <c>Accept: text/event-stream</c>, and the
/// WebSocket protocol <c>graphql-transport-ws</c> on upgrade.
/// </summary>
public static class GraphQLEndpoint
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";

    public static async Task HandleAsync(HttpContext http)
    {
        try
        {
            await HandleRequestAsync(http);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Never an exception's text or a stack trace: logged here, masked for the client.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLEndpoint)).LogError(ex, "A GraphQL request failed");
            if (!http.Response.HasStarted)
            {
                http.Response.Clear();
                await WriteProblemAsync(http, Json, new RequestProblem(StatusCodes.Status500InternalServerError, "Unexpected error.", "INTERNAL_SERVER_ERROR"));
            }
        }
    }

    private static async Task HandleRequestAsync(HttpContext http)
    {
        var services = http.RequestServices;
        if (http.WebSockets.IsWebSocketRequest)
        {
            await services.GetRequiredService<GraphQLWebSocketHandler>().HandleAsync(http);
            return;
        }

        if (Explorer.BananaCakePop.IsBrowserVisit(http.Request))
        {
            await services.GetRequiredService<Explorer.BananaCakePop>().ServeIndexAsync(http);
            return;
        }

        var options = services.GetRequiredService<GatewayOptions>();
        var accept = http.Request.Headers.Accept.ToString();
        var wantsEvents = accept.Contains(EventStream, StringComparison.OrdinalIgnoreCase);
        var mediaType = wantsEvents ? EventStream : Negotiate(accept);
        if (mediaType is null)
        {
            await WriteProblemAsync(http, Json, new RequestProblem(StatusCodes.Status406NotAcceptable,
                $"Accept one of {GraphQLResponse}, {Json} or {EventStream}.", GraphQLRequestReader.BadRequest));
            return;
        }

        var reader = services.GetRequiredService<GraphQLRequestReader>();
        var (request, problem) = await reader.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (problem is not null)
        {
            if (problem.Status == StatusCodes.Status405MethodNotAllowed) http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, wantsEvents ? Json : mediaType, problem);
            return;
        }

        var gateway = services.GetRequiredService<GatewayExecutor>();
        var headers = Forwarded(http, authorization: null);
        var prepared = gateway.Prepare(request!);
        var operation = prepared.Operation?.Operation;
        if (HttpMethods.IsGet(http.Request.Method) && operation is OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteProblemAsync(http, wantsEvents ? Json : mediaType, new RequestProblem(StatusCodes.Status405MethodNotAllowed,
                "A mutation cannot be sent over GET; use POST.", GraphQLRequestReader.BadRequest));
            return;
        }

        if (wantsEvents)
        {
            await ServerSentEvents.WriteAsync(http, gateway, prepared, request!, headers);
            return;
        }

        if (operation is OperationType.Subscription && prepared.Errors is null)
        {
            await WriteProblemAsync(http, mediaType, new RequestProblem(StatusCodes.Status400BadRequest,
                $"Subscriptions are served over WebSocket (graphql-transport-ws) or as server-sent events: send 'Accept: {EventStream}'.", GraphQLRequestReader.BadRequest));
            return;
        }

        var result = await gateway.ExecutePreparedAsync(prepared, request!, headers, http.RequestAborted);
        await WriteResultAsync(http, mediaType, result);
    }

    /// <summary>The media type to answer with: the first of the client's Accept list we speak; JSON when it sends none or anything.</summary>
    public static string? Negotiate(string accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return Json;
        foreach (var part in accept.Split(','))
        {
            var type = part.Split(';')[0].Trim();
            if (type.Equals(GraphQLResponse, StringComparison.OrdinalIgnoreCase)) return GraphQLResponse;
            if (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*") return Json;
        }

        return null;
    }

    public static ForwardedHeaders Forwarded(HttpContext http, string? authorization) =>
        new(authorization ?? (http.Request.Headers.Authorization is { Count: > 0 } value ? value.ToString() : null),
            http.Request.Headers["X-Forwarded-For"] is { Count: > 0 } forwarded ? forwarded.ToString() : null);

    public static async Task WriteResultAsync(HttpContext http, string mediaType, GatewayResult result)
    {
        var response = http.Response;
        response.ContentType = mediaType + "; charset=utf-8";
        if (result.Raw is { } raw)
        {
            // The subgraph answered application/graphql-response+json (we ask for it first); a client
            // that asked for plain JSON gets 200 for any well-formed GraphQL response.
            response.StatusCode = mediaType == GraphQLResponse || (int)raw.Status >= 500 ? (int)raw.Status : StatusCodes.Status200OK;
            response.ContentLength = raw.Body.Length;
            await response.Body.WriteAsync(raw.Body, http.RequestAborted);
            return;
        }

        response.StatusCode = result.IsRequestError && mediaType == GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        var body = result.ToUtf8();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    public static async Task WriteProblemAsync(HttpContext http, string mediaType, RequestProblem problem)
    {
        var result = GatewayResult.RequestError(problem.Message, problem.Code);
        http.Response.StatusCode = problem.Status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await http.Response.Body.WriteAsync(result.ToUtf8(), http.RequestAborted);
    }
}

/// <summary>
/// graphql-sse "distinct connections": one stream per operation, <c>event: next</c> per result and
/// a final <c>event: complete</c>, with keep-alive comments so proxies keep the connection open.
/// </summary>
public static class ServerSentEvents
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(12);
    private static readonly byte[] Complete = Encoding.UTF8.GetBytes("event: complete\ndata:\n\n");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes(":\n\n");

    public static async Task WriteAsync(HttpContext http, GatewayExecutor gateway, PreparedOperation prepared, GatewayRequest request, ForwardedHeaders headers)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(http.RequestAborted);

        var gate = new SemaphoreSlim(1, 1);
        using var keepAlive = new Timer(_ => _ = WriteLockedAsync(Ping), null, KeepAlive, KeepAlive);
        // A gateway shutting down completes its streams instead of leaving them to time out.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            if (prepared.Plan is { Operation: OperationType.Subscription } && prepared.Errors is null && gateway.CheckVariables(prepared, request.Variables) is null)
            {
                await foreach (var result in gateway.SubscribeAsync(prepared, request, headers, ending.Token))
                {
                    await WriteLockedAsync(Next(result));
                }
            }
            else
            {
                var result = await gateway.ExecutePreparedAsync(prepared, request, headers, http.RequestAborted);
                await WriteLockedAsync(Next(result));
            }

            await WriteLockedAsync(Complete);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            await WriteLockedAsync(Complete);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client left: the subscription's upstream stream was cancelled with it.
        }

        async Task WriteLockedAsync(byte[] frame)
        {
            await gate.WaitAsync();
            try
            {
                if (http.RequestAborted.IsCancellationRequested) return;
                await response.Body.WriteAsync(frame);
                await response.Body.FlushAsync();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
            {
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private static byte[] Next(GatewayResult result)
    {
        var json = result.ToUtf8();
        var frame = new byte[json.Length + 20];
        var prefix = "event: next\ndata: "u8;
        prefix.CopyTo(frame);
        json.CopyTo(frame, prefix.Length);
        frame[prefix.Length + json.Length] = (byte)'\n';
        frame[prefix.Length + json.Length + 1] = (byte)'\n';
        return frame.AsSpan(0, prefix.Length + json.Length + 2).ToArray();
    }
}
