using System.Diagnostics;

namespace NocodeAI.Tests.Shared;

/// <summary>
/// Waits for a condition; the timeout is only an upper bound, never the expected duration. Compiled into
/// the test projects that poll (linked from tests/Shared), so there is one copy.
/// </summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}; last value: {Describe(last)}");
            }

            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), ok => ok, timeout, what);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable e and not string => $"[{string.Join(", ", e.Cast<object?>())}]",
        _ => value.ToString() ?? "?",
    };
}
