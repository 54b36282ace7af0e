using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GraphQLParser.AST;
using NocodeAI.Gateway.Execution;
using NocodeAI.Gateway.Subgraphs;

namespace NocodeAI.Gateway.Http;

/// <summary>
/// The <c>graphql-transport-ws</c> protocol: <c>connection_init</c> (its payload carries the token:
/// browsers cannot set headers on a WebSocket) within 10 s, then any number of operations by id;
/// a token that cannot be used is refused there (4403, <see cref="ConnectionTokenCheck"/>); errors
/// before execution are the protocol's <c>error</c> message. Everything sent goes through one
/// writer per socket; a subscriber whose queue passes its bound is ended with an error and
/// <c>complete</c> instead of losing events silently (it resubscribes and reads the state again).
/// </summary>
public sealed class GraphQLWebSocketHandler(GatewayExecutor gateway, GraphQLRequestReader reader, ConnectionTokenCheck tokens, IHostApplicationLifetime lifetime, ILogger<GraphQLWebSocketHandler> logger)
{
    public const string Protocol = "graphql-transport-ws";
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Messages queued for one socket before its slowest subscription is ended.</summary>
    public const int MaxQueued = 1_000;

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(Protocol))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"Use the WebSocket subprotocol '{Protocol}'.");
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync(Protocol);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var connection = new Connection(socket, closing.Token);
        try
        {
            await ReadAsync(http, connection, closing.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Shutting down: every open operation is completed, then the socket closes with 1001.
                connection.CompleteAll();
            }

            connection.CancelAll();
            await connection.CloseAsync(lifetime.ApplicationStopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure, "bye");
        }
    }

    private async Task ReadAsync(HttpContext http, Connection connection, CancellationToken cancellationToken)
    {
        using var initTimer = new CancellationTokenSource(InitTimeout);
        _ = Task.Delay(InitTimeout, cancellationToken).ContinueWith(async _ =>
        {
            if (!connection.Initialised) await connection.CloseAsync((WebSocketCloseStatus)4408, "Connection initialisation timeout");
        }, TaskScheduler.Default);

        ForwardedHeaders headers = GraphQLEndpoint.Forwarded(http, null);
        while (!cancellationToken.IsCancellationRequested)
        {
            var message = await connection.ReceiveAsync(cancellationToken);
            if (message is null)
            {
                return;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(message);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                await connection.CloseAsync((WebSocketCloseStatus)4400, "Invalid message received");
                return;
            }

            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "connection_init":
                    if (connection.Initialised)
                    {
                        await connection.CloseAsync((WebSocketCloseStatus)4429, "Too many initialisation requests");
                        return;
                    }

                    headers = GraphQLEndpoint.Forwarded(http, root.TryGetProperty("payload", out var payload) ? FindAuthorization(payload) : null);
                    if (await tokens.RefusalAsync(headers).WaitAsync(cancellationToken) is { } refusal)
                    {
                        // The protocol's answer to a refused connection_init: close with 4403 Forbidden.
                        await connection.CloseAsync((WebSocketCloseStatus)4403, refusal);
                        return;
                    }

                    connection.Initialised = true;
                    connection.Send(new JsonObject { ["type"] = "connection_ack" });
                    break;
                case "ping":
                    connection.Send(new JsonObject { ["type"] = "pong" });
                    break;
                case "pong":
                    break;
                case "subscribe":
                    if (!connection.Initialised)
                    {
                        await connection.CloseAsync((WebSocketCloseStatus)4401, "Unauthorized");
                        return;
                    }

                    if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
                        || !root.TryGetProperty("payload", out var requestPayload) || requestPayload.ValueKind != JsonValueKind.Object)
                    {
                        await connection.CloseAsync((WebSocketCloseStatus)4400, "Invalid message received");
                        return;
                    }

                    var id = idElement.GetString()!;
                    var operation = connection.Start(id);
                    if (operation is null)
                    {
                        await connection.CloseAsync((WebSocketCloseStatus)4409, $"Subscriber for {id} already exists");
                        return;
                    }

                    _ = RunAsync(connection, id, operation, requestPayload, headers);
                    break;
                case "complete":
                    if (root.TryGetProperty("id", out var completeId) && completeId.ValueKind == JsonValueKind.String)
                    {
                        connection.Stop(completeId.GetString()!);
                    }

                    break;
                default:
                    await connection.CloseAsync((WebSocketCloseStatus)4400, "Invalid message received");
                    return;
            }
        }
    }

    private async Task RunAsync(Connection connection, string id, CancellationTokenSource operation, JsonElement payload, ForwardedHeaders headers)
    {
        try
        {
            var (request, problem) = reader.FromJson(payload);
            if (problem is not null)
            {
                connection.Send(Error(id, [GatewayExecutor.Error(problem.Message, problem.Code)]));
                return;
            }

            var prepared = gateway.Prepare(request!);
            if (prepared.Errors is { } errors)
            {
                connection.Send(Error(id, errors));
                return;
            }

            if (gateway.CheckVariables(prepared, request!.Variables) is { } variableErrors)
            {
                connection.Send(Error(id, variableErrors));
                return;
            }

            if (prepared.Plan!.Operation == OperationType.Subscription)
            {
                await foreach (var result in gateway.SubscribeAsync(prepared, request, headers, operation.Token))
                {
                    if (!connection.Send(Next(id, result)))
                    {
                        // The client reads slower than events arrive: end this subscription visibly.
                        connection.SendForced(Next(id, GatewayResult.RequestError(
                            "The subscription was ended because the client did not keep up with its events; subscribe again and re-read the state.", GatewayExecutor.SubscriptionOverflow)));
                        break;
                    }
                }
            }
            else
            {
                var result = await gateway.ExecutePreparedAsync(prepared, request, headers, operation.Token);
                connection.Send(Next(id, result));
            }

            if (!operation.IsCancellationRequested)
            {
                connection.SendForced(new JsonObject { ["type"] = "complete", ["id"] = id });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A WebSocket operation failed");
            connection.Send(Error(id, [GatewayExecutor.Error("Unexpected error.", "INTERNAL_SERVER_ERROR")]));
        }
        finally
        {
            connection.Finished(id, operation);
        }
    }

    private static JsonObject Error(string id, IEnumerable<JsonObject> errors) => new()
    {
        ["type"] = "error",
        ["id"] = id,
        ["payload"] = new JsonArray([.. errors.Select(e => (JsonNode)e.DeepClone())]),
    };

    private static byte[] Next(string id, GatewayResult result)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", "next");
            writer.WritePropertyName("payload");
            result.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{ "Authorization": "Bearer …" }</c>, any case, or Apollo-style <c>{ "headers": { … } }</c>.</summary>
    public static string? FindAuthorization(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in payload.EnumerateObject())
        {
            if (property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return payload.TryGetProperty("headers", out var nested) ? FindAuthorization(nested) : null;
    }

    /// <summary>One socket: its operations by id and the single writer every message goes through.</summary>
    private sealed class Connection
    {
        private readonly WebSocket socket;
        private readonly CancellationToken closing;
        private readonly Channel<byte[]> _outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task _writer;

        public Connection(WebSocket socket, CancellationToken closing)
        {
            this.socket = socket;
            this.closing = closing;
            _writer = RunWriterAsync();
        }

        private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
        private int _queued;
        private int _closed;

        public bool Initialised { get; set; }

        public CancellationTokenSource? Start(string id)
        {
            var source = CancellationTokenSource.CreateLinkedTokenSource(closing);
            if (_operations.TryAdd(id, source)) return source;
            source.Dispose();
            return null;
        }

        public void Stop(string id)
        {
            if (_operations.TryRemove(id, out var source)) source.Cancel();
        }

        public void Finished(string id, CancellationTokenSource source)
        {
            _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, source));
            source.Dispose();
        }

        public void CompleteAll()
        {
            foreach (var id in _operations.Keys) SendForced(new JsonObject { ["type"] = "complete", ["id"] = id });
        }

        public void CancelAll()
        {
            foreach (var id in _operations.Keys) Stop(id);
        }

        public bool Send(JsonObject message) => Send(Encoding.UTF8.GetBytes(message.ToJsonString()));

        /// <summary>False when the queue is past its bound (the message is not queued).</summary>
        public bool Send(byte[] message)
        {
            if (Interlocked.Increment(ref _queued) > MaxQueued)
            {
                Interlocked.Decrement(ref _queued);
                return false;
            }

            if (!_outbox.Writer.TryWrite(message)) Interlocked.Decrement(ref _queued);
            return true;
        }

        public void SendForced(JsonObject message) => SendForced(Encoding.UTF8.GetBytes(message.ToJsonString()));

        public void SendForced(byte[] message)
        {
            Interlocked.Increment(ref _queued);
            if (!_outbox.Writer.TryWrite(message)) Interlocked.Decrement(ref _queued);
        }

        private async Task RunWriterAsync()
        {
            try
            {
                await foreach (var message in _outbox.Reader.ReadAllAsync())
                {
                    Interlocked.Decrement(ref _queued);
                    if (socket.State != WebSocketState.Open) continue;
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }

        public async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[8 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > 1_000_000)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big");
                    return null;
                }

                if (result.EndOfMessage) return message.ToArray();
            }
        }

        public async Task CloseAsync(WebSocketCloseStatus status, string reason)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            // What is queued (a final complete or error) goes out first; the writer is the only sender.
            _outbox.Writer.TryComplete();
            await Task.WhenAny(_writer, Task.Delay(TimeSpan.FromSeconds(2)));
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(status, reason, timeout.Token);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
