using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>
/// A graphql-transport-ws client (the protocol of the <c>graphql-ws</c> library): <c>connection_init</c>
/// with <c>{ "Authorization": "Bearer …" }</c>, <c>connection_ack</c>, then any number of
/// <c>subscribe</c>/<c>next</c>/<c>error</c>/<c>complete</c> exchanges multiplexed by id, and
/// <c>ping</c>/<c>pong</c> in both directions.
/// </summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";

    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PongTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, Channel<GraphQLResult>> _subscriptions = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _pong = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private int _lastId;

    private GraphQLWebSocketClient()
    {
    }

    /// <summary>Why the socket closed, once it has.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Opens the socket and completes the connection handshake; throws when the server refuses it.</summary>
    public static async Task<GraphQLWebSocketClient> ConnectAsync(Uri httpEndpoint, string? token, CancellationToken cancellationToken = default)
    {
        var client = new GraphQLWebSocketClient();
        try
        {
            client._socket.Options.AddSubProtocol(SubProtocol);
            var uri = new UriBuilder(httpEndpoint) { Scheme = httpEndpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
            await client._socket.ConnectAsync(uri, cancellationToken);
            if (client._socket.SubProtocol != SubProtocol)
            {
                throw new GraphQLStreamException($"{uri} accepted the WebSocket without the {SubProtocol} subprotocol (got '{client._socket.SubProtocol}').");
            }

            client._receiving = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
            object payload = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
            await client.SendAsync(new { type = "connection_init", payload }, cancellationToken);
            try
            {
                await client._acknowledged.Task.WaitAsync(AckTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new GraphQLStreamException($"No connection_ack within {AckTimeout.TotalSeconds:0} s.");
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a subscription; its results arrive on the returned stream until it is disposed or the server ends it.</summary>
    public async Task<IGraphQLStream> SubscribeAsync(string query, object? variables = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);
        var channel = Channel.CreateUnbounded<GraphQLResult>(new UnboundedChannelOptions { SingleReader = true });
        _subscriptions[id] = channel;
        await SendAsync(new { id, type = "subscribe", payload = new { query, variables } }, cancellationToken);
        return new Subscription(this, id, channel);
    }

    /// <summary>Sends <c>ping</c> and waits for <c>pong</c>: the server has read everything sent before.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pong, pong);
        await SendAsync(new { type = "ping" }, cancellationToken);
        try
        {
            await pong.Task.WaitAsync(PongTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new GraphQLStreamException($"No pong within {PongTimeout.TotalSeconds:0} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        await _stop.CancelAsync();
        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendAsync(object message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, GraphQLClient.Json);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        Exception? failure = null;
        try
        {
            using var message = new MemoryStream();
            while (!_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    CloseReason = $"closed by the server: {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                await HandleAsync(text);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            CloseReason ??= "closed by the client";
        }
        catch (Exception ex) when (ex is WebSocketException or JsonException or ObjectDisposedException)
        {
            failure = ex;
            CloseReason = $"connection lost: {ex.Message}";
        }

        var ended = new GraphQLStreamException($"The WebSocket ended before the subscription completed ({CloseReason}).", failure ?? new EndOfStreamException());
        _acknowledged.TrySetException(ended);
        Volatile.Read(ref _pong).TrySetException(ended);
        foreach (var channel in _subscriptions.Values)
        {
            channel.Writer.TryComplete(ended);
        }
    }

    private async Task HandleAsync(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var id = root.TryGetProperty("id", out var i) ? i.GetString() : null;
        var payload = root.TryGetProperty("payload", out var p) ? p.GetRawText() : "null";
        switch (type)
        {
            case "connection_ack":
                _acknowledged.TrySetResult();
                break;
            case "ping":
                await SendAsync(new { type = "pong" }, _stop.Token);
                break;
            case "pong":
                Volatile.Read(ref _pong).TrySetResult();
                break;
            case "next" when id is not null && _subscriptions.TryGetValue(id, out var channel):
                channel.Writer.TryWrite(GraphQLResult.Parse(null, payload));
                break;
            case "error" when id is not null && _subscriptions.TryGetValue(id, out var channel):
                channel.Writer.TryComplete(new GraphQLStreamException($"The server ended subscription {id} with an error: {payload}"));
                break;
            case "complete" when id is not null && _subscriptions.TryGetValue(id, out var channel):
                channel.Writer.TryComplete();
                break;
        }
    }

    private sealed class Subscription(GraphQLWebSocketClient client, string id, Channel<GraphQLResult> channel) : IGraphQLStream
    {
        public async IAsyncEnumerable<GraphQLResult> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var result in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return result;
            }
        }

        public async ValueTask DisposeAsync()
        {
            client._subscriptions.TryRemove(id, out _);
            var stillOpen = channel.Writer.TryComplete();
            if (stillOpen && client._socket.State == WebSocketState.Open)
            {
                try
                {
                    await client.SendAsync(new { id, type = "complete" }, CancellationToken.None);
                }
                catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
