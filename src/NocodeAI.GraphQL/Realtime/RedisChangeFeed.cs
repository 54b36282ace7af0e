using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults;
using StackExchange.Redis;

namespace NocodeAI.GraphQL.Realtime;

/// <summary>
/// Subscriptions' source of changes: Redis pub/sub, one Redis subscription per topic and process.
/// Redis keeps nothing for a subscriber that is away, so when this process's connection to Redis
/// drops, every open stream ends with SERVICE_UNAVAILABLE instead of carrying on with a silent gap:
/// changes published while it was away, and while it reconnects (the publisher often reconnects
/// first), would never arrive. Clients subscribe again and re-read the state (the web client does).
/// </summary>
public sealed class RedisChangeFeed : IChangeFeed
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IOptions<RedisOptions> _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ITopicHub> _topics = new(StringComparer.Ordinal);

    public RedisChangeFeed(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisChangeFeed> logger)
    {
        _redis = redis;
        _options = options;
        _logger = logger;
        _redis.ConnectionFailed += OnConnectionFailed;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly Meter Meter = new(ServiceDefaultsExtensions.MeterName);
    private static long _watchers;
    private static long _redisSubscriptions;
    private static readonly Counter<long> Published =
        Meter.CreateCounter<long>("nocode.changefeed.published", description: "State changes published to Redis");

    static RedisChangeFeed()
    {
        Meter.CreateObservableGauge("nocode_subscriptions_active", () => new Measurement<long>(Interlocked.Read(ref _watchers), new KeyValuePair<string, object?>("component", "subgraph")),
            description: "Subscription streams open on this replica.");
        Meter.CreateObservableGauge("nocode_changefeed_redis_subscriptions", () => Interlocked.Read(ref _redisSubscriptions),
            description: "Redis channels this replica listens to (one per topic with watchers).");
    }

    public async Task PublishAsync<T>(string topic, T message, CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.Serialize(message, Json);
        await _redis.GetSubscriber().PublishAsync(Channel(topic), payload);
        Published.Add(1, new KeyValuePair<string, object?>("topic", topic));
    }

    public async Task<IObservable<T>> WatchAsync<T>(string topic, Func<T, string> keyOf, string? key) where T : class
    {
        while (true)
        {
            var hub = (TopicHub<T>)_topics.GetOrAdd(topic, _ => new TopicHub<T>(this, topic, keyOf));
            var watcher = await hub.JoinAsync(key);
            if (watcher is not null)
            {
                return watcher;
            }

            // The hub closed as we arrived (its last watcher left): start a fresh one.
            _topics.TryRemove(new KeyValuePair<string, ITopicHub>(topic, hub));
        }
    }

    private RedisChannel Channel(string topic) => RedisChannel.Literal($"{_options.Value.ChannelPrefix}:{topic}");

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs args)
    {
        // Any connection, not only the subscription one: under RESP3 (protocol=resp3 in the configuration)
        // pub/sub shares the interactive connection. Under RESP2 an interactive-only failure ends streams
        // that lost nothing, which costs their clients a resubscription, never an event.
        if (args.ConnectionType == ConnectionType.None || _topics.IsEmpty) return;
        _logger.LogWarning(args.Exception, "A Redis connection ({ConnectionType}) failed ({FailureType}); ending the open subscriptions of {Topics} topics",
            args.ConnectionType, args.FailureType, _topics.Count);
        var interrupted = new NocodeException(ErrorCodes.ServiceUnavailable,
            "Live updates were interrupted (the change feed lost its connection); subscribe again and re-read the current state.");
        foreach (var hub in _topics.Values)
        {
            hub.Interrupt(interrupted);
        }
    }

    private interface ITopicHub
    {
        /// <summary>Ends every watcher with <paramref name="error"/> and closes the hub; the next watcher starts a new one.</summary>
        void Interrupt(Exception error);
    }

    /// <summary>
    /// One topic in this process: one Redis subscription, each message parsed once and handed to
    /// the watchers of its key and to those of every key. Watchers are indexed by key, so a message
    /// costs the watchers it concerns, not all of them.
    /// </summary>
    private sealed class TopicHub<T> : ITopicHub where T : class
    {
        private const string Every = "\u0000every";
        private readonly RedisChangeFeed _feed;
        private readonly string _topic;
        private readonly Func<T, string> _keyOf;
        private readonly Dictionary<string, List<Watcher>> _byKey = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private Task? _subscribed;
        private ChannelMessageQueue? _queue;
        private int _count;
        private bool _closed;

        public TopicHub(RedisChangeFeed feed, string topic, Func<T, string> keyOf)
        {
            _feed = feed;
            _topic = topic;
            _keyOf = keyOf;
        }

        public async Task<IObservable<T>?> JoinAsync(string? key)
        {
            Task subscribed;
            var watcher = new Watcher(this, key ?? Every);
            lock (_gate)
            {
                if (_closed) return null;
                if (!_byKey.TryGetValue(watcher.Key, out var list)) _byKey[watcher.Key] = list = [];
                list.Add(watcher);
                _count++;
                Interlocked.Increment(ref _watchers);
                _subscribed ??= SubscribeAsync();
                subscribed = _subscribed;
            }

            try
            {
                await subscribed;
            }
            catch (Exception ex)
            {
                watcher.Dispose();
                if (ex is RedisConnectionException or RedisTimeoutException)
                {
                    // Redis is down or unreachable: a clear, retryable answer, not an internal error.
                    throw new NocodeException(ErrorCodes.ServiceUnavailable,
                        "Live updates are unavailable at the moment (the change feed cannot reach Redis); subscribe again shortly.");
                }

                throw;
            }

            return watcher;
        }

        private async Task SubscribeAsync()
        {
            // A queue, not a handler: the client runs handlers concurrently, in no guaranteed order, and a
            // watcher must see one request's changes in the order they were published (a stream that keeps
            // the newest change per key would otherwise drop APPROVED arriving just after TRAINING). Twice
            // before, a queue fell silent after a Redis restart; none outlives one now: a connection failure
            // closes every hub (OnConnectionFailed), and the next watcher subscribes a new queue.
            var queue = await _feed._redis.GetSubscriber().SubscribeAsync(_feed.Channel(_topic));
            queue.OnMessage(message => OnMessage(message.Channel, message.Message));
            lock (_gate)
            {
                if (!_closed)
                {
                    _queue = queue;
                    Interlocked.Increment(ref _redisSubscriptions);
                    return;
                }
            }

            // The hub closed while Redis confirmed the subscription; Close() found no queue to end.
            queue.Unsubscribe(CommandFlags.FireAndForget);
        }

        private void OnMessage(RedisChannel channel, RedisValue value)
        {
            T? message;
            try
            {
                message = JsonSerializer.Deserialize<T>((string)value!, Json);
            }
            catch (JsonException ex)
            {
                _feed._logger.LogWarning(ex, "Dropped an unreadable message on {Channel}", channel.ToString());
                return;
            }

            if (message is null) return;
            Watcher[] targets;
            lock (_gate)
            {
                var key = _keyOf(message);
                var forKey = _byKey.TryGetValue(key, out var list) ? list.Count : 0;
                var forAll = _byKey.TryGetValue(Every, out var every) ? every.Count : 0;
                if (forKey + forAll == 0) return;
                targets = new Watcher[forKey + forAll];
                list?.CopyTo(targets, 0);
                every?.CopyTo(targets, forKey);
            }

            foreach (var target in targets)
            {
                target.Deliver(message);
            }
        }

        private void Leave(Watcher watcher)
        {
            lock (_gate)
            {
                if (_byKey.TryGetValue(watcher.Key, out var list) && list.Remove(watcher))
                {
                    if (list.Count == 0) _byKey.Remove(watcher.Key);
                    _count--;
                    Interlocked.Decrement(ref _watchers);
                }

                if (_count > 0 || _closed) return;
                _closed = true;
            }

            Close();
        }

        public void Interrupt(Exception error)
        {
            Watcher[] watchers;
            lock (_gate)
            {
                if (_closed) return;
                _closed = true;
                watchers = _byKey.Values.SelectMany(list => list).ToArray();
                _byKey.Clear();
                Interlocked.Add(ref _watchers, -_count);
                _count = 0;
            }

            Close();
            foreach (var watcher in watchers)
            {
                watcher.Fail(error);
            }
        }

        private void Close()
        {
            _feed._topics.TryRemove(new KeyValuePair<string, ITopicHub>(_topic, this));
            ChannelMessageQueue? queue;
            lock (_gate)
            {
                queue = _queue;
                _queue = null;
            }

            // Still subscribing: SubscribeAsync sees the hub closed and ends the queue itself.
            if (queue is null) return;
            Interlocked.Decrement(ref _redisSubscriptions);

            // Fire-and-forget: the last watcher leaves on request-abort paths that must not block.
            queue.Unsubscribe(CommandFlags.FireAndForget);
        }

        /// <summary>One watcher: a hot observable with at most one observer (graphql-dotnet subscribes once).</summary>
        private sealed class Watcher(TopicHub<T> hub, string key) : IObservable<T>, IDisposable
        {
            private readonly Lock _gate = new();
            private IObserver<T>? _observer;
            private Exception? _failure;
            private int _disposed;

            public string Key { get; } = key;

            public IDisposable Subscribe(IObserver<T> observer)
            {
                Exception? failure;
                lock (_gate)
                {
                    _observer = observer;
                    failure = _failure;
                }

                // Interrupted between joining and being subscribed to: the error is not lost.
                if (failure is not null) observer.OnError(failure);
                return this;
            }

            /// <summary>Ends the stream with an error; the hub has already let the watcher go.</summary>
            public void Fail(Exception error)
            {
                Interlocked.Exchange(ref _disposed, 1);
                IObserver<T>? observer;
                lock (_gate)
                {
                    _failure = error;
                    observer = _observer;
                }

                observer?.OnError(error);
            }

            public void Deliver(T message)
            {
                if (Volatile.Read(ref _disposed) == 0) _observer?.OnNext(message);
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Leave(this);
            }
        }
    }
}
