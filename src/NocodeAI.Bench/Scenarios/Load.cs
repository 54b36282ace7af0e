using System.Diagnostics;

namespace NocodeAI.Bench.Scenarios;

/// <summary>Runs <paramref name="total"/> operations with <paramref name="concurrency"/> in flight and times each.</summary>
public static class Load
{
    public static async Task<Round> RunAsync(int total, int concurrency, Func<int, Task<bool>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var latencies = new double[total];
        var ok = new bool[total];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var started = clock.Elapsed;
                try
                {
                    ok[index] = await operation(index);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    ok[index] = false;
                }

                latencies[index] = (clock.Elapsed - started).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var succeeded = ok.Count(x => x);
        return new Round(latencies.Where((_, i) => ok[i]).ToList(), elapsed, succeeded, total - succeeded);
    }

    /// <summary>Keeps <paramref name="concurrency"/> operations in flight for <paramref name="duration"/>.</summary>
    public static async Task<Round> RunForAsync(TimeSpan duration, int concurrency, Func<int, Task<bool>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failed = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var index = Interlocked.Increment(ref next);
                var started = clock.Elapsed;
                bool ok;
                try
                {
                    ok = await operation(index);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    ok = false;
                }

                if (ok)
                {
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        await Task.WhenAll(workers);
        return new Round([.. latencies], clock.Elapsed.TotalSeconds, latencies.Count, failed);
    }
}
