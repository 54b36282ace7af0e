using NocodeAI.GraphQL.Realtime;

namespace NocodeAI.Models.Tests;

/// <summary>
/// A "…Changed" stream never shows an aggregate's older version after a newer one
/// (<see cref="ObservableExtensions.NewestPerKey{T}"/>), however the feed hands changes over.
/// </summary>
public sealed class ChangeStreamOrderTests
{
    private sealed record Change(string Id, long Version, string State);

    [Fact]
    public void An_older_version_arriving_after_a_newer_one_is_dropped_and_each_aggregate_is_ordered_on_its_own()
    {
        var feed = new ManualFeed();
        var seen = new List<Change>();
        using var subscription = feed.NewestPerKey(c => c.Id, c => c.Version).Subscribe(new Collector(seen));

        feed.Publish(new Change("a", 1, "REQUESTED"));
        feed.Publish(new Change("a", 4, "COMPLETED"));
        feed.Publish(new Change("a", 3, "TRAINING"));   // overtaken: dropped
        feed.Publish(new Change("b", 2, "APPROVED"));   // another aggregate: its own order
        feed.Publish(new Change("a", 4, "COMPLETED, queue moved")); // same version again: passes
        feed.Publish(new Change("b", 1, "REQUESTED"));  // overtaken: dropped

        Assert.Equal(
            ["a1 REQUESTED", "a4 COMPLETED", "b2 APPROVED", "a4 COMPLETED, queue moved"],
            seen.Select(c => $"{c.Id}{c.Version} {c.State}"));
    }

    [Fact]
    public void Changes_handed_over_from_many_threads_at_once_leave_in_version_order()
    {
        var feed = new ManualFeed();
        var seen = new List<Change>();
        var collector = new Collector(seen);
        using var subscription = feed.NewestPerKey(c => c.Id, c => c.Version).Subscribe(collector);

        // As the Redis client does: every message on a thread-pool item of its own.
        Parallel.For(1, 2_001, new ParallelOptions { MaxDegreeOfParallelism = 8 }, v => feed.Publish(new Change("a", v, "TRAINING")));

        Assert.Equal(0, collector.Overlapped);
        Assert.Equal(2_000, seen[^1].Version);
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.First.Version < pair.Second.Version,
            $"v{pair.Second.Version} left after v{pair.First.Version}"));
    }

    [Fact]
    public void Each_subscriber_keeps_its_own_newest_versions()
    {
        var feed = new ManualFeed();
        var first = new List<Change>();
        var stream = feed.NewestPerKey(c => c.Id, c => c.Version);
        using (stream.Subscribe(new Collector(first)))
        {
            feed.Publish(new Change("a", 5, "COMPLETED"));
        }

        var second = new List<Change>();
        using var again = stream.Subscribe(new Collector(second));
        feed.Publish(new Change("a", 2, "APPROVED"));

        Assert.Equal([5], first.Select(c => c.Version));
        Assert.Equal([2], second.Select(c => c.Version));
    }

    /// <summary>A feed whose <see cref="Publish"/> may be called from any thread, like the Redis handler.</summary>
    private sealed class ManualFeed : IObservable<Change>
    {
        private readonly List<IObserver<Change>> _observers = [];

        public IDisposable Subscribe(IObserver<Change> observer)
        {
            lock (_observers)
            {
                _observers.Add(observer);
            }

            return new Unsubscriber(() =>
            {
                lock (_observers)
                {
                    _observers.Remove(observer);
                }
            });
        }

        public void Publish(Change change)
        {
            IObserver<Change>[] targets;
            lock (_observers)
            {
                targets = [.. _observers];
            }

            foreach (var observer in targets)
            {
                observer.OnNext(change);
            }
        }

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }

    /// <summary>
    /// Not thread-safe on purpose: the operator must call it one value at a time. It takes a moment per
    /// value, as a real subscriber does, and counts the calls that overlapped another.
    /// </summary>
    private sealed class Collector(List<Change> seen) : IObserver<Change>
    {
        private int _inside;

        public int Overlapped { get; private set; }

        public void OnNext(Change value)
        {
            if (Interlocked.Increment(ref _inside) > 1)
            {
                Overlapped++;
            }

            Thread.SpinWait(20_000);
            seen.Add(value);
            Interlocked.Decrement(ref _inside);
        }

        public void OnError(Exception error) => throw error;

        public void OnCompleted()
        {
        }
    }
}
