using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NocodeAI.GraphQL.Realtime;
using StackExchange.Redis;

namespace NocodeAI.GraphQL.Tests.Realtime;

/// <summary>The change feed over a real Redis: what one replica's watchers see of what was published.</summary>
public sealed class RedisChangeFeedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Topic = "progress";

    [Fact]
    public async Task Messages_on_one_topic_reach_a_watcher_in_the_order_they_were_published()
    {
        using var redis = new ThrowawayRedisServer();
        await redis.StartAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var feed = Feed(multiplexer);
        var seen = new Recorder();
        using var watch = (await feed.WatchAsync<Progress>(Topic, p => p.Request, "r1")).Subscribe(seen);

        // One burst, as a training run's progress reports arrive: the client writes the PUBLISHes in
        // call order on one connection, so Redis delivers them to the subscriber in this order too.
        await Task.WhenAll(Enumerable.Range(0, 2_000).Select(n => feed.PublishAsync(Topic, new Progress("r1", n))));

        await Poll.UntilAsync(() => seen.Count == 2_000, Patience, "the 2,000 messages");
        Assert.Equal(Enumerable.Range(0, 2_000), seen.Numbers);
    }

    [Fact]
    public async Task A_watcher_is_served_again_in_order_after_Redis_restarts_under_it()
    {
        using var redis = new ThrowawayRedisServer();
        await redis.StartAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var feed = Feed(multiplexer);
        var seen = new Recorder();
        using var watch = (await feed.WatchAsync<Progress>(Topic, p => p.Request, "r1")).Subscribe(seen);
        await feed.PublishAsync(Topic, new Progress("r1", -1));
        await Poll.UntilAsync(() => seen.Count == 1, Patience, "the message before the restart");

        redis.Kill();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await redis.StartAsync();

        // Messages published before the client has subscribed again are lost (pub/sub keeps nothing):
        // publish a marker until one arrives, which shows the subscription is back.
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    await feed.PublishAsync(Topic, new Progress("r1", -2));
                }
                catch (RedisException)
                {
                    // Still reconnecting.
                }

                return seen.Numbers.Contains(-2);
            },
            back => back,
            Patience,
            "a message after the restart");

        // Markers still in flight may come after these; they are negative, so they are left out.
        await Task.WhenAll(Enumerable.Range(0, 500).Select(n => feed.PublishAsync(Topic, new Progress("r1", n))));
        await Poll.UntilAsync(() => seen.Numbers.Count(n => n >= 0) == 500, Patience, "the 500 messages after the restart");
        Assert.Equal(Enumerable.Range(0, 500), seen.Numbers.Where(n => n >= 0));
    }

    [Fact]
    public async Task A_topic_watched_first_while_Redis_is_down_is_served_once_Redis_is_back()
    {
        using var redis = new ThrowawayRedisServer();
        await redis.StartAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var prefix = $"test-{Guid.NewGuid():N}";
        var feed = Feed(multiplexer, prefix);
        redis.Kill();

        // The subscribe may fail (the caller is told and subscribes again) or wait for the connection;
        // either way nothing may be left listening that no watcher reads.
        var during = new Recorder();
        IDisposable? duringWatch = null;
        try
        {
            duringWatch = (await feed.WatchAsync<Progress>(Topic, p => p.Request, "r1")).Subscribe(during);
        }
        catch (RedisException)
        {
            // Told: the stream fails and the client subscribes again.
        }

        await redis.StartAsync();
        var after = new Recorder();
        IDisposable? afterWatch = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    afterWatch ??= (await feed.WatchAsync<Progress>(Topic, p => p.Request, "r1")).Subscribe(after);
                    await feed.PublishAsync(Topic, new Progress("r1", -1));
                }
                catch (RedisException)
                {
                    // Still reconnecting.
                }

                return after.Count > 0;
            },
            served => served,
            Patience,
            "a watcher served after Redis returned");

        Assert.True(duringWatch is null || during.Count > 0, "A watcher accepted during the outage was not served after it");
        duringWatch?.Dispose();
        afterWatch?.Dispose();

        // A subscribe that failed must not leave the channel subscribed with nobody reading: once the
        // last watcher is gone, this process no longer listens.
        var server = multiplexer.GetServer(multiplexer.GetEndPoints()[0]);
        await Poll.UntilAsync(
            () => server.SubscriptionSubscriberCountAsync(RedisChannel.Literal($"{prefix}:{Topic}")),
            count => count == 0,
            Patience,
            "Redis to have no subscriber left on the channel");
    }

    [Fact]
    public async Task A_watcher_is_served_again_when_the_client_ends_its_channel_queue()
    {
        using var redis = new ThrowawayRedisServer();
        await redis.StartAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var prefix = $"test-{Guid.NewGuid():N}";
        var feed = Feed(multiplexer, prefix);
        var seen = new Recorder();
        using var watch = (await feed.WatchAsync<Progress>(Topic, p => p.Request, "r1")).Subscribe(seen);

        // The one way StackExchange.Redis completes a queue: the whole channel unsubscribed (here
        // behind the feed's back, as an UnsubscribeAll elsewhere in the process would).
        await multiplexer.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal($"{prefix}:{Topic}"));

        await Poll.UntilAsync(
            async () =>
            {
                await feed.PublishAsync(Topic, new Progress("r1", -1));
                return seen.Count > 0;
            },
            served => served,
            Patience,
            "the watcher to be served again");
    }

    [Fact]
    public async Task Every_watcher_of_a_topic_sees_the_same_order_and_only_its_key()
    {
        using var redis = new ThrowawayRedisServer();
        await redis.StartAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var feed = Feed(multiplexer);
        var ofR1 = Enumerable.Range(0, 50).Select(_ => new Recorder()).ToList();
        var ofAll = new Recorder();
        var watches = new List<IDisposable>();
        foreach (var recorder in ofR1)
        {
            watches.Add((await feed.WatchAsync<Progress>(Topic, p => p.Request, "r1")).Subscribe(recorder));
        }

        watches.Add((await feed.WatchAsync<Progress>(Topic, p => p.Request, null)).Subscribe(ofAll));

        await Task.WhenAll(Enumerable.Range(0, 400).Select(n => feed.PublishAsync(Topic, new Progress(n % 2 == 0 ? "r1" : "r2", n))));

        await Poll.UntilAsync(() => ofAll.Count == 400 && ofR1.All(r => r.Count == 200), Patience, "every watcher's messages");
        Assert.Equal(Enumerable.Range(0, 400), ofAll.Numbers);
        Assert.All(ofR1, r => Assert.Equal(Enumerable.Range(0, 200).Select(n => n * 2), r.Numbers));
        watches.ForEach(w => w.Dispose());
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(ThrowawayRedisServer redis)
    {
        // As RealtimeExtensions configures it for the services.
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static RedisChangeFeed Feed(IConnectionMultiplexer multiplexer, string? prefix = null) =>
        new(multiplexer, Options.Create(new RedisOptions { Configuration = "unused", ChannelPrefix = prefix ?? $"test-{Guid.NewGuid():N}" }), NullLogger<RedisChangeFeed>.Instance);

    public sealed record Progress(string Request, int Number);

    /// <summary>Records what a watcher is handed; thread-safe, since the old feed handed messages over concurrently.</summary>
    private sealed class Recorder : IObserver<Progress>
    {
        private readonly ConcurrentQueue<int> _numbers = new();

        public int Count => _numbers.Count;

        public IReadOnlyList<int> Numbers => [.. _numbers];

        public void OnNext(Progress value) => _numbers.Enqueue(value.Number);

        public void OnError(Exception error) => throw new InvalidOperationException("The feed failed a watcher", error);

        public void OnCompleted()
        {
        }
    }
}
