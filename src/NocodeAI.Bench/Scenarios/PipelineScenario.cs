using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NocodeAI.Bench.Scenarios;

/// <summary>
/// The event pipeline behind <c>requestModel</c>: how fast each consumer drains a backlog, and how long
/// the consumers need to catch up after a burst with everything running. The backlog is made of real
/// events: targets and notices are stopped while <c>requestModel</c> runs straight to the models
/// subgraph, then started again (a cold drain, as after a crash or a deploy); then paused (SIGSTOP)
/// while a second backlog is made, and resumed (a warm drain, as after falling behind). Every request
/// made here is cancelled at the end.
/// </summary>
public static class PipelineScenario
{
    /// <summary>The consumers <c>requestModel</c> (ModelRequested) feeds.</summary>
    private static readonly string[] Fed = ["targets-on-models", "notices-on-models"];

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext bench)
    {
        var root = Environment.GetEnvironmentVariable("NOCODE_ROOT") ?? Directory.GetCurrentDirectory();
        using var jetStream = new JetStreamMonitor(Environment.GetEnvironmentVariable("NOCODE_NATS_MONITOR_URL") ?? "http://127.0.0.1:18222");
        var backlog = bench.Quick ? 5_000 : 50_000;
        var burst = TimeSpan.FromSeconds(15);
        var created = new ConcurrentBag<string>();
        var results = new List<ScenarioResult>();

        await WaitUntilCaughtUpAsync(jetStream, TimeSpan.FromMinutes(2));
        await NocodeAsync(root, "stop", "targets", "notices");
        Round producing;
        Dictionary<string, ConsumerState> before;
        try
        {
            var prefix = $"drain {Guid.NewGuid():N}"[..14];
            producing = await Load.RunAsync(backlog, 64, async i =>
            {
                created.Add(await RequestStraightAsync(bench, $"{prefix} {i}"));
                return true;
            });
            before = await jetStream.ConsumersAsync();
        }
        catch
        {
            await NocodeAsync(root, "start", "targets", "notices");
            throw;
        }

        // Drain: from the first poll that shows a consumer's backlog shrinking to the poll that finds it empty.
        // Polling begins before the consumers are started: `./nocode start` returns once both are healthy,
        // and the first one drains while the second starts; polls begun afterwards credited it with the tail only.
        var coldDrain = MeasureDrainAsync(jetStream, before, TimeSpan.FromMinutes(10));
        await NocodeAsync(root, "start", "targets", "notices");
        results.Add(new ScenarioResult(
            "pipeline-backlog",
            $"`requestModel` straight to models with targets and notices stopped, 64 in flight: {backlog:N0} requests make the backlog",
            [producing]));
        results.AddRange(DrainResults(await coldDrain, warm: false));

        // The same backlog for consumers that are paused (SIGSTOP) instead of stopped, as a consumer that
        // fell behind is: its code is compiled already (it has just drained the cold backlog), so this
        // drain is what the consumer costs, without the start-up's JIT.
        var paused = Fed.Select(c => c.Split("-on-")[0]).Distinct()
            .Select(service => ProcessCpu.PidOf(root, service) ?? throw new InvalidOperationException($"{service} is not running (no pid file)"))
            .ToList();
        await WaitUntilCaughtUpAsync(jetStream, TimeSpan.FromMinutes(5));
        Signal(paused, "STOP");
        try
        {
            var prefix = $"warm {Guid.NewGuid():N}"[..14];
            await Load.RunAsync(backlog, 64, async i =>
            {
                created.Add(await RequestStraightAsync(bench, $"{prefix} {i}"));
                return true;
            });
            before = await jetStream.ConsumersAsync();
        }
        finally
        {
            Signal(paused, "CONT");
        }

        results.AddRange(DrainResults(await MeasureDrainAsync(jetStream, before, TimeSpan.FromMinutes(10)), warm: true));

        // Burst with every consumer running, then the time until all of them have nothing pending.
        var burstPrefix = $"burst {Guid.NewGuid():N}"[..14];
        var burstRound = await Load.RunForAsync(burst, 32, async i =>
        {
            created.Add(await RequestStraightAsync(bench, $"{burstPrefix} {i}"));
            return true;
        });
        var catchUp = Stopwatch.StartNew();
        var caughtUp = await WaitUntilCaughtUpAsync(jetStream, TimeSpan.FromMinutes(5));
        results.Add(new ScenarioResult(
            "burst-catch-up",
            $"a {burst.TotalSeconds:0} s burst of `requestModel` straight to models (32 in flight) with every consumer running; then the time until every event consumer has nothing pending",
            [burstRound],
            "caught up ≤ 30 s after the burst",
            caughtUp && catchUp.Elapsed <= TimeSpan.FromSeconds(30),
            string.Create(CultureInfo.InvariantCulture, $"{burstRound.Succeeded:N0} requests in {burstRound.ElapsedSeconds:0} s; caught up {catchUp.Elapsed.TotalSeconds:0.0} s after the burst{(caughtUp ? "" : " (not within 5 minutes)")}")));

        // Left REQUESTED they would crowd the approvers' queue.
        var ids = created.ToArray();
        await Load.RunAsync(ids.Length, 32, async i =>
        {
            await bench.CancelQuietlyAsync(ids[i]);
            return true;
        });
        await WaitUntilCaughtUpAsync(jetStream, TimeSpan.FromMinutes(10));
        return results;
    }

    private static IEnumerable<ScenarioResult> DrainResults(Dictionary<string, (long Events, double Seconds)> drained, bool warm)
    {
        foreach (var consumer in Fed)
        {
            var (events, seconds) = drained.GetValueOrDefault(consumer);
            var rate = seconds > 0 ? events / seconds : 0;
            yield return new ScenarioResult(
                warm ? $"drain-warm-{consumer}" : $"drain-{consumer}",
                warm
                    ? $"`{consumer}` draining a backlog of real ModelRequested events made while it was paused (SIGSTOP), warm: its code already compiled"
                    : $"`{consumer}` draining a backlog of real ModelRequested events right after a restart (JIT warm-up included), batches of up to 256 in one transaction each",
                [],
                "≥ 3,000 events/s",
                rate >= 3000,
                string.Create(CultureInfo.InvariantCulture, $"{events:N0} events in {seconds:0.0} s = {rate:N0} events/s"));
        }
    }

    private static void Signal(IEnumerable<int> pids, string signal)
    {
        foreach (var pid in pids)
        {
            using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -{signal} {pid} failed");
            }
        }
    }

    private static async Task<string> RequestStraightAsync(BenchContext bench, string name)
    {
        var data = await bench.Models.DataAsync(BenchContext.RequestModel, new { input = BenchContext.ModelInput(name) }, bench.AnalystToken);
        return data.GetProperty("requestModel").GetProperty("id").GetString()!;
    }

    private static async Task<Dictionary<string, (long Events, double Seconds)>> MeasureDrainAsync(
        JetStreamMonitor jetStream, Dictionary<string, ConsumerState> before, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var started = new Dictionary<string, (TimeSpan At, long Pending)>();
        var done = new Dictionary<string, (long Events, double Seconds)>();
        var previousSent = TimeSpan.Zero;
        while (done.Count < Fed.Length && clock.Elapsed < limit)
        {
            var sent = clock.Elapsed;
            var now = await jetStream.ConsumersAsync();
            var at = clock.Elapsed;
            foreach (var consumer in Fed.Where(c => !done.ContainsKey(c) && now.ContainsKey(c)))
            {
                var state = now[consumer];
                var initial = before.TryGetValue(consumer, out var b) ? b.Outstanding : state.Outstanding;
                if (!started.ContainsKey(consumer) && state.Outstanding < initial)
                {
                    // The previous poll still saw the whole backlog, so the drain began after that poll was
                    // sent: timing from there never credits a consumer with time it did not take, however
                    // long a poll of a busy NATS takes.
                    started[consumer] = (previousSent, initial);
                }

                if (started.TryGetValue(consumer, out var start) && state.Outstanding == 0)
                {
                    done[consumer] = (start.Pending, (at - start.At).TotalSeconds);
                }
            }

            previousSent = sent;
            await Task.Delay(100);
        }

        return done;
    }

    /// <summary>Until every durable event consumer has nothing pending and nothing unacknowledged.</summary>
    private static async Task<bool> WaitUntilCaughtUpAsync(JetStreamMonitor jetStream, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var consumers = await jetStream.ConsumersAsync();
            if (consumers.Where(c => c.Value.Durable).All(c => c.Value.Outstanding == 0))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task NocodeAsync(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "nocode"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"./nocode {string.Join(' ', arguments)} failed: {await output}{await error}");
        }
    }

    private readonly record struct ConsumerState(long Outstanding, bool Durable);

    /// <summary>The event consumers' state from the NATS monitoring endpoint (<c>/jsz</c>).</summary>
    private sealed class JetStreamMonitor(string baseUrl) : IDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };

        public async Task<Dictionary<string, ConsumerState>> ConsumersAsync()
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync("/jsz?consumers=true&config=true"));
            var consumers = new Dictionary<string, ConsumerState>(StringComparer.Ordinal);
            foreach (var account in document.RootElement.GetProperty("account_details").EnumerateArray())
            {
                foreach (var stream in account.GetProperty("stream_detail").EnumerateArray())
                {
                    if (!stream.GetProperty("name").GetString()!.EndsWith("EVENTS", StringComparison.Ordinal)
                        || !stream.TryGetProperty("consumer_detail", out var details) || details.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var consumer in details.EnumerateArray())
                    {
                        var durable = consumer.TryGetProperty("config", out var config) && config.TryGetProperty("durable_name", out _);
                        var outstanding = consumer.GetProperty("num_pending").GetInt64() + consumer.GetProperty("num_ack_pending").GetInt64();
                        consumers[consumer.GetProperty("name").GetString()!] = new ConsumerState(outstanding, durable);
                    }
                }
            }

            return consumers;
        }

        public void Dispose() => _http.Dispose();
    }
}
