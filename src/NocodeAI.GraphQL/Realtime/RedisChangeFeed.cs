using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults;
using StackExchange.Redis;

namespace NocodeAI.GraphQL.Realtime;

public sealed class RedisChangeFeed(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisChangeFeed> logger)
    : IChangeFeed
{
    private readonly IConnectionMultiplexer _redis = redis;
    private readonly ILogger _logger = logger;
    private readonly ConcurrentDictionary<string, object> _topics = new(StringComparer.Ordinal);

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
            _topics.TryRemove(new KeyValuePair<string, object>(topic, hub));
        }
    }

    private RedisChannel Channel(string topic) => RedisChannel.Literal($"{options.Value.ChannelPrefix}:{topic}");

    /// <summary>
    /// One topic in this process: one Redis subscription, each message parsed once and handed to
    /// the watchers of its key and to those of every key. Watchers are indexed by key, so a message
    /// costs the watchers it concerns, not all of them.
    /// </summary>
    /// <remarks>
    /// Messages are taken from the channel's message queue (<c>SubscribeAsync(channel)</c>), not from a
    /// handler (<c>SubscribeAsync(channel, handler)</c>): StackExchange.Redis (3.4.35) hands each message
    /// to a handler in its own thread-pool work item (<c>ConnectionMultiplexer.OnMessage</c> →
    /// <c>CompleteAsWorker</c> → <c>ThreadPool.QueueUserWorkItem</c>), so two messages run concurrently
    /// and a subscriber once saw a request's progress 1.0 before the 0.972 published ahead of it. Even
    /// a handler that only enqueued would enqueue out of order. The queue is written on the connection's
    /// reader, in the order Redis sent the messages, and <see cref="DispatchAsync"/> is its one reader.
    /// Reconnecting is the same for both forms: the multiplexer keeps one subscription per channel,
    /// holding its handlers and queues, and subscribes every one again when the connection returns.
    /// The queue is unbounded (the library's choice): dispatch only hands a parsed message to each
    /// watcher's own bounded buffer, so it keeps up; a backlog would show as memory, not as loss.
    /// </remarks>
    private sealed class TopicHub<T> where T : class
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
            catch
            {
                watcher.Dispose();
                throw;
            }

            return watcher;
        }

        private async Task SubscribeAsync()
        {
            var channel = _feed.Channel(_topic);
            ChannelMessageQueue queue;
            try
            {
                queue = await _feed._redis.GetSubscriber().SubscribeAsync(channel);
            }
            catch (Exception ex)
            {
                _feed._logger.LogWarning(ex, "Subscribing to {Channel} failed", channel.ToString());
                ForgetUnreachableQueue(channel);
                throw;
            }

            bool closed;
            lock (_gate)
            {
                closed = _closed;
                if (!closed) _queue = queue;
            }

            if (closed)
            {
                // Every watcher left while the subscription was being made.
                queue.Unsubscribe(CommandFlags.FireAndForget);
                return;
            }

            Interlocked.Increment(ref _redisSubscriptions);
            _ = DispatchAsync(queue);
        }

        /// <summary>
        /// The library registers a channel's queue before it asks the server, and a failed subscribe does
        /// not hand the queue back: left alone, every later message on the channel would pile up in a queue
        /// nobody reads. Only this hub listens to its channel in this process, so all of it is dropped.
        /// </summary>
        private void ForgetUnreachableQueue(RedisChannel channel)
        {
            try
            {
                _feed._redis.GetSubscriber().Unsubscribe(channel, null, CommandFlags.FireAndForget);
            }
            catch (RedisException ex)
            {
                _feed._logger.LogDebug(ex, "Unsubscribing from {Channel} after a failed subscribe failed too", channel.ToString());
            }
        }

        /// <summary>The queue's one reader: messages reach the watchers one at a time, in the order Redis sent them.</summary>
        private async Task DispatchAsync(ChannelMessageQueue queue)
        {
            // Off the caller's thread: the first watcher's request must not run the loop.
            await Task.Yield();
            try
            {
                await foreach (var message in queue)
                {
                    Dispatch(message.Channel, message.Message);
                }
            }
            catch (Exception ex)
            {
                _feed._logger.LogError(ex, "Delivering messages on {Channel} failed", queue.Channel.ToString());
            }

            lock (_gate)
            {
                if (_closed || !ReferenceEquals(_queue, queue)) return;
                _queue = null;
                _subscribed = null;
            }

            // The queue ended without our Unsubscribe (the multiplexer completes a channel's queues only
            // when the whole channel is unsubscribed). The watchers are still here: listen again.
            Interlocked.Decrement(ref _redisSubscriptions);
            _feed._logger.LogWarning("The Redis subscription to {Channel} ended under its watchers; subscribing again", queue.Channel.ToString());
            await ResubscribeAsync();
        }

        private async Task ResubscribeAsync()
        {
            for (var attempt = 1; ; attempt++)
            {
                Task subscribed;
                lock (_gate)
                {
                    if (_closed) return;
                    subscribed = _subscribed ??= SubscribeAsync();
                }

                try
                {
                    await subscribed;
                    return;
                }
                catch (Exception ex)
                {
                    lock (_gate)
                    {
                        if (ReferenceEquals(_subscribed, subscribed)) _subscribed = null;
                    }

                    _feed._logger.LogWarning(ex, "Subscribing again to {Topic} failed (attempt {Attempt})", _topic, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)));
                }
            }
        }

        private void Dispatch(RedisChannel channel, RedisValue value)
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
                try
                {
                    target.Deliver(message);
                }
                catch (Exception ex)
                {
                    // One failing watcher must not keep the message from the others, nor stop the loop.
                    _feed._logger.LogWarning(ex, "A watcher of {Channel} failed on a message", channel.ToString());
                }
            }
        }

        private void Leave(Watcher watcher)
        {
            ChannelMessageQueue? queue;
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
                queue = _queue;
                _queue = null;
            }

            _feed._topics.TryRemove(new KeyValuePair<string, object>(_topic, this));

            // A subscription still being made is ended by SubscribeAsync once it is made (it sees _closed).
            if (queue is null) return;
            Interlocked.Decrement(ref _redisSubscriptions);

            // Fire-and-forget: the last watcher leaves on request-abort paths that must not block. This
            // also completes the queue, which ends DispatchAsync.
            queue.Unsubscribe(CommandFlags.FireAndForget);
        }

        /// <summary>One watcher: a hot observable with at most one observer (graphql-dotnet subscribes once).</summary>
        private sealed class Watcher(TopicHub<T> hub, string key) : IObservable<T>, IDisposable
        {
            private IObserver<T>? _observer;
            private int _disposed;

            public string Key { get; } = key;

            public IDisposable Subscribe(IObserver<T> observer)
            {
                _observer = observer;
                return this;
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
