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

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly Meter Meter = new(ServiceDefaultsExtensions.MeterName);
    private static readonly UpDownCounter<long> ActiveSubscriptions =
        Meter.CreateUpDownCounter<long>("nocode.subscriptions.active", description: "Subscription streams open on this replica");
    private static readonly Counter<long> Published =
        Meter.CreateCounter<long>("nocode.changefeed.published", description: "State changes published to Redis");

    public async Task PublishAsync<T>(string topic, T message, CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.Serialize(message, Json);
        await _redis.GetSubscriber().PublishAsync(Channel(topic), payload);
        Published.Add(1, new KeyValuePair<string, object?>("topic", topic));
    }

    public IObservable<T> Watch<T>(string topic) => new TopicObservable<T>(this, Channel(topic));

    private RedisChannel Channel(string topic) => RedisChannel.Literal($"{options.Value.ChannelPrefix}:{topic}");

    private sealed class TopicObservable<T>(RedisChangeFeed feed, RedisChannel channel) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            var subscriber = feed._redis.GetSubscriber();
            var subscription = new TopicSubscription(subscriber, channel);
            void Handler(RedisChannel _, RedisValue value)
            {
                T? message;
                try
                {
                    message = JsonSerializer.Deserialize<T>(value.ToString(), Json);
                }
                catch (JsonException ex)
                {
                    feed._logger.LogWarning(ex, "Dropped an unreadable message on {Channel}", channel.ToString());
                    return;
                }

                if (message is not null && !subscription.IsDisposed)
                {
                    observer.OnNext(message);
                }
            }

            subscription.Handler = Handler;
            // Subscribe synchronously so no change published after this call returns is missed.
            subscriber.Subscribe(channel, Handler);
            ActiveSubscriptions.Add(1);
            return subscription;
        }
    }

    /// <summary>Unsubscribes exactly this handler (other subscribers of the channel keep theirs).</summary>
    private sealed class TopicSubscription(ISubscriber subscriber, RedisChannel channel) : IDisposable
    {
        private int _disposed;

        public Action<RedisChannel, RedisValue>? Handler { get; set; }

        public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            ActiveSubscriptions.Add(-1);
            if (Handler is not null)
            {
                // Fire-and-forget: disposal happens on request-abort paths that must not block.
                subscriber.UnsubscribeAsync(channel, Handler, CommandFlags.FireAndForget);
            }
        }
    }
}
