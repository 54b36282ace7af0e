using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.Tests.Shared;
using StackExchange.Redis;

namespace NocodeAI.Models.Tests;

/// <summary>
/// The change feed hands a watcher one aggregate's changes in the order they were published, over the
/// real Redis that <c>./nocode test</c> starts. The stream on top keeps only the newest version per
/// aggregate (<see cref="ObservableExtensions.NewestPerKey{T}"/>), so a change handed over late would
/// not arrive late: it would be dropped, and a client would never see APPROVED.
/// </summary>
public sealed class RedisChangeFeedOrderTests : IAsyncLifetime
{
    private const int Changes = 2_000;
    private ConnectionMultiplexer _redis = null!;

    public sealed record Change(string Id, long Version);

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(LocalRedis.Configuration);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_watcher_receives_one_aggregates_changes_in_the_order_they_were_published()
    {
        var feed = new RedisChangeFeed(_redis, Options.Create(new RedisOptions { ChannelPrefix = $"order-test-{Guid.NewGuid():N}" }),
            NullLogger<RedisChangeFeed>.Instance);
        var stream = await feed.WatchAsync<Change>("changes", change => change.Id, "a");
        var collector = new Collector(Changes);
        using var subscription = stream.Subscribe(collector);

        // Published back to back from one connection, as the models service does: Redis keeps their order.
        var publishes = new List<Task>(Changes);
        for (var version = 1; version <= Changes; version++)
        {
            publishes.Add(feed.PublishAsync("changes", new Change("a", version)));
        }

        await Task.WhenAll(publishes);
        await collector.All.WaitAsync(TimeSpan.FromSeconds(30));

        var seen = collector.Versions();
        Assert.Equal(Changes, seen.Count);
        var outOfOrder = seen.Zip(seen.Skip(1)).Where(pair => pair.First > pair.Second).ToList();
        Assert.True(outOfOrder.Count == 0,
            $"{outOfOrder.Count} changes arrived after a newer one, e.g. " +
            string.Join(", ", outOfOrder.Take(5).Select(pair => $"v{pair.Second} after v{pair.First}")));
    }

    private sealed class Collector(int expected) : IObserver<Change>
    {
        private readonly List<long> _versions = new(expected);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task All => _all.Task;

        public List<long> Versions()
        {
            lock (_versions)
            {
                return [.. _versions];
            }
        }

        public void OnNext(Change value)
        {
            // A moment per change, as a real subscriber's pipeline takes: a handover that runs changes
            // side by side would now let a later one overtake.
            Thread.SpinWait(20_000);
            lock (_versions)
            {
                _versions.Add(value.Version);
                if (_versions.Count == expected) _all.TrySetResult();
            }
        }

        public void OnError(Exception error) => _all.TrySetException(error);

        public void OnCompleted() => _all.TrySetException(new InvalidOperationException("The stream ended early."));
    }
}
