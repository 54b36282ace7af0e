using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace NocodeAI.Bench.Client;

/// <summary>
/// One graphql-transport-ws connection with one subscription, as the web app opens it through the
/// gateway. It records when (on a shared <see cref="Stopwatch"/>) the first event whose JSON
/// contains <c>expect</c> arrives.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource<double> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;

    public Task<double> Arrived => _arrived.Task;

    /// <summary>Connects, authenticates, subscribes and waits for the server to acknowledge the connection.</summary>
    public static async Task<Subscriber> OpenAsync(Uri gateway, string token, string query, object variables, string expect, Stopwatch clock, CancellationToken cancellationToken)
    {
        var subscriber = new Subscriber();
        subscriber._socket.Options.AddSubProtocol("graphql-transport-ws");
        subscriber._socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        var uri = new UriBuilder(gateway) { Scheme = "ws" }.Uri;
        await subscriber._socket.ConnectAsync(uri, cancellationToken);
        subscriber._receiving = Task.Run(() => subscriber.ReceiveAsync(expect, clock), CancellationToken.None);
        await subscriber.SendAsync(new { type = "connection_init", payload = new { Authorization = $"Bearer {token}" } }, cancellationToken);
        await subscriber._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await subscriber.SendAsync(new { id = "1", type = "subscribe", payload = new { query, variables } }, cancellationToken);
        return subscriber;
    }

    private async Task SendAsync(object message, CancellationToken cancellationToken) =>
        await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);

    private async Task ReceiveAsync(string expect, Stopwatch clock)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var read = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, read.Count);
                if (!read.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (text.Contains("\"connection_ack\"", StringComparison.Ordinal))
                {
                    _subscribed.TrySetResult();
                }
                else if (text.Contains("\"ping\"", StringComparison.Ordinal))
                {
                    await SendAsync(new { type = "pong" }, CancellationToken.None);
                }
                else if (text.Contains("\"next\"", StringComparison.Ordinal) && text.Contains(expect, StringComparison.Ordinal))
                {
                    _arrived.TrySetResult(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket went away; an event that never arrived is reported as missing.
        }

        _subscribed.TrySetException(new InvalidOperationException("The gateway closed the WebSocket before acknowledging it."));
        _arrived.TrySetCanceled();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Closing is best effort at the end of a run.
        }

        _socket.Dispose();
        await _receiving.ConfigureAwait(false);
    }
}
