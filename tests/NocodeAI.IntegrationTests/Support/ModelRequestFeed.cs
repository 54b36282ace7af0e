using System.Globalization;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>One <c>ModelRequest</c> as a subscription or a query delivered it.</summary>
public sealed record ModelRequestSnapshot(int Index, string State, double Progress, string? Stage, JsonElement Node)
{
    public string Id => Node.RequiredText("id");

    public static ModelRequestSnapshot From(int index, JsonElement node) =>
        new(index, node.RequiredText("state"), node.Number("progress") ?? 0, node.Text("stage"), node);

    public override string ToString() => State switch
    {
        "TRAINING" => string.Create(CultureInfo.InvariantCulture, $"TRAINING {Progress:0.###} {Stage}"),
        "APPROVED" => $"APPROVED (queue {Node.Text("queuePosition") ?? "-"})",
        _ => State,
    };
}

/// <summary>
/// Reads a <c>modelRequestChanged</c> subscription in the background and keeps every event, so a
/// test can wait for a condition, act, wait for the next one, and finally assert on the whole
/// sequence. Waits end on an event, on the stream's end or error, or on their timeout; none sleeps.
/// </summary>
public sealed class ModelRequestFeed : IAsyncDisposable
{
    private readonly IGraphQLStream _stream;
    private readonly IAsyncDisposable? _connection;
    private readonly string _field;
    private readonly List<ModelRequestSnapshot> _events = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _failure;
    private bool _ended;

    private ModelRequestFeed(IGraphQLStream stream, IAsyncDisposable? connection, string field)
    {
        _stream = stream;
        _connection = connection;
        _field = field;
        _pump = Task.Run(PumpAsync);
    }

    /// <param name="connection">Disposed with the feed (the WebSocket a subscription runs on).</param>
    public static ModelRequestFeed Start(IGraphQLStream stream, IAsyncDisposable? connection = null, string field = "modelRequestChanged") =>
        new(stream, connection, field);

    public IReadOnlyList<ModelRequestSnapshot> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Why the stream ended, if it did (null while it is open).</summary>
    public string? EndReason
    {
        get
        {
            lock (_gate)
            {
                return _failure ?? (_ended ? "completed by the server" : null);
            }
        }
    }

    /// <summary>The first event from index <paramref name="from"/> on that matches; fails on timeout or when the stream ends first.</summary>
    public Task<ModelRequestSnapshot> WaitForAsync(Func<ModelRequestSnapshot, bool> predicate, TimeSpan timeout, string what, int from = 0) =>
        WaitUntilAsync(
            () => _events.Skip(from).FirstOrDefault(predicate)
                ?? (_failure is not null || _ended
                    ? throw new XunitException($"The subscription ended ({EndReason}) before {what}. Events: {Describe()}")
                    : null),
            timeout,
            () => $"No {what} within {timeout.TotalSeconds:0} s. Events: {Describe()}");

    /// <summary>Why the stream ended, once it has; fails if it is still open after <paramref name="timeout"/>.</summary>
    public Task<string> WaitForEndAsync(TimeSpan timeout, string what) =>
        WaitUntilAsync(
            () => EndReason,
            timeout,
            () => $"The subscription was still open {timeout.TotalSeconds:0} s after {what}. Events: {Describe()}");

    /// <summary>
    /// Checks <paramref name="settled"/> under the lock whenever the stream changes (an event, its end or
    /// error) until it gives a value; fails with <paramref name="timedOut"/>'s message at the deadline.
    /// </summary>
    private async Task<T> WaitUntilAsync<T>(Func<T?> settled, TimeSpan timeout, Func<string> timedOut) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (settled() is { } value)
                {
                    return value;
                }

                changed = _changed.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new XunitException(timedOut());
            }

            await Task.WhenAny(changed, Task.Delay(remaining));
        }
    }

    public Task<ModelRequestSnapshot> WaitForStateAsync(string state, TimeSpan timeout, int from = 0) =>
        WaitForAsync(e => e.State == state, timeout, $"event with state {state}", from);

    /// <summary>
    /// Fails if an event matching <paramref name="predicate"/> has been seen. Call it once a positive signal
    /// shows that whatever could have caused one has been handled (see <see cref="ConsumerIdle"/>), not
    /// after a pause: a pause passes whenever the system is merely slow.
    /// </summary>
    public void AssertNone(Func<ModelRequestSnapshot, bool> predicate, string what)
    {
        lock (_gate)
        {
            if (_events.FirstOrDefault(predicate) is { } unexpected)
            {
                throw new XunitException($"Unexpected {what}: event #{unexpected.Index} {unexpected}. Events: {Describe()}");
            }
        }
    }

    public string Describe()
    {
        lock (_gate)
        {
            var events = _events.Count == 0 ? "(none)" : string.Join(" → ", _events);
            return _failure is null ? events : $"{events}; stream failed: {_failure}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _stream.DisposeAsync();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var result in _stream.ReadAllAsync(_stop.Token))
            {
                if (result.HasErrors || result.Data?.Path(_field) is not { ValueKind: JsonValueKind.Object } node)
                {
                    Finish($"the subscription delivered errors or no {_field}: {result}");
                    return;
                }

                lock (_gate)
                {
                    _events.Add(ModelRequestSnapshot.From(_events.Count, node));
                }

                Signal();
            }

            Finish(null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Finish(null);
        }
        catch (Exception ex) when (ex is GraphQLStreamException or IOException or HttpRequestException or ObjectDisposedException)
        {
            Finish(_stop.IsCancellationRequested ? null : ex.Message);
        }
    }

    private void Finish(string? failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
            _ended = true;
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
