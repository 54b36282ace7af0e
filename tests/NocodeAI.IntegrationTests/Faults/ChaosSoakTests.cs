using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NocodeAI.IntegrationTests.Targets;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Faults;

/// <summary>
/// Issue 16.8, the chaos soak (<c>./nocode test --soak [minutes]</c>, <c>NOCODE_SOAK_MINUTES</c>): a mixed
/// workload of model requests, approvals, rejections, cancels and target extractions runs while a random
/// service or worker is killed (SIGKILL) every few seconds and NATS, Redis and PostgreSQL are each
/// restarted once. Afterwards every request the soak made, found in the databases by its name whether or
/// not its answer arrived, is final with one final entry in its history; its requester holds one
/// submitted and one final notice and no notice twice; no target list holds a customer twice; no outbox
/// row waits; every consumer of the system's streams is at zero pending. It prints those counts.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
[Trait("Category", "Soak")]
public sealed class ChaosSoakTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Services and workers the chaos kills; infrastructure is restarted separately, once each.</summary>
    private static readonly string[] Killable = ["models", "targets", "notices", "access", "training", "extraction", "gateway"];

    private static readonly string[] Infrastructure = ["nats", "redis", "postgres"];

    private static readonly string[] FinalStates = ["COMPLETED", "FAILED", "CANCELED", "REJECTED"];

    private static readonly string[] SystemStreams = ["NOCODE_EVENTS", "NOCODE_JOBS", "NOCODE_DEADLETTER"];

    /// <summary>How long the system may take to settle once the chaos stops (sweeper bounds are far longer).</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(6);

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly TargetRequestsApi _targets = new(system);
    private readonly string _run = $"soak {DateTime.UtcNow:MMddHHmmss} {Guid.NewGuid():N}"[..28];
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly Random _random = new();

    private ModelRequestsApi Models => _system.Models;

    private static TimeSpan Duration =>
        TimeSpan.FromMinutes(double.TryParse(Environment.GetEnvironmentVariable("NOCODE_SOAK_MINUTES"), NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0 ? minutes : 1);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever happened, the system is left whole for what runs next.</summary>
    public Task DisposeAsync() => _system.EnsureRunningAsync([.. Infrastructure, "externals", .. Killable]);

    [Fact]
    public async Task Under_kills_and_infrastructure_restarts_every_request_ends_once_with_its_notices_and_nothing_is_left_behind()
    {
        var template = await Models.ValidInputAsync("soak", algorithm: "LOGISTIC_REGRESSION");
        var completedModel = await _targets.CompletedModelAsync();
        using var stop = new CancellationTokenSource();
        var stopwatch = Stopwatch.StartNew();
        _system.Log($"Soak {_run}: {Duration.TotalMinutes:0.#} min of load with chaos.");

        var load = new List<Task>
        {
            Task.Run(() => AnalystAsync(template, stop.Token)),
            Task.Run(() => AnalystAsync(template, stop.Token)),
            Task.Run(() => ApproverAsync(stop.Token)),
            Task.Run(() => TargetsAsync(completedModel, stop.Token)),
        };
        try
        {
            await ChaosAsync(stopwatch);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
            await _system.EnsureRunningAsync([.. Infrastructure, "externals", .. Killable]);
        }

        _system.Log($"Chaos over after {stopwatch.Elapsed.TotalSeconds:0} s; settling.");
        await SettleAsync();
        await AssertEverythingEndedOnceAsync();
    }

    /// <summary>One kill every 3–7 s; NATS, Redis and PostgreSQL restarted once each at a quarter, half and three quarters.</summary>
    private async Task ChaosAsync(Stopwatch stopwatch)
    {
        var pending = new Queue<string>(Infrastructure);
        while (stopwatch.Elapsed < Duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(3 + (_random.NextDouble() * 4)));
            if (pending.Count > 0 && stopwatch.Elapsed > Duration * ((Infrastructure.Length - pending.Count + 1) / (Infrastructure.Length + 1.0)))
            {
                var piece = pending.Dequeue();
                await _system.StopAsync(piece);
                await Task.Delay(TimeSpan.FromSeconds(2));
                await _system.EnsureRunningAsync(piece);
                Count($"restarted {piece}");
                continue;
            }

            var victim = Killable[_random.Next(Killable.Length)];
            await _system.KillAsync(victim, restart: true);
            Count($"killed {victim}");
        }

        while (pending.TryDequeue(out var piece))
        {
            await _system.StopAsync(piece);
            await _system.EnsureRunningAsync(piece);
            Count($"restarted {piece}");
        }
    }

    /// <summary>Requests a model every ~0.5 s; cancels one of its own now and then (REQUESTED, or while it trains).</summary>
    private async Task AnalystAsync(IReadOnlyDictionary<string, object?> template, CancellationToken stop)
    {
        var mine = new List<string>();
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            var input = new Dictionary<string, object?>(template) { ["name"] = $"{_run} m{Guid.NewGuid():N}"[..60] };
            var requested = await TryAsync("requestModel", () => Models.RequestAsync(DevUser.Analyst, input));
            if (requested?.Field("requestModel.id").GetString() is { } id)
            {
                mine.Add(id);
            }

            if (++n % 6 == 0 && mine.Count > 0)
            {
                var victim = mine[_random.Next(mine.Count)];
                await TryAsync("cancelModel", () => Models.CancelAsync(DevUser.Analyst, victim), tolerated: "INVALID_STATE");
            }

            await Pause(TimeSpan.FromMilliseconds(500), stop);
        }
    }

    /// <summary>Approves or rejects the oldest waiting soak requests, about two a second.</summary>
    private async Task ApproverAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var id in await SoakModelIdsAsync("REQUESTED", 2))
            {
                if (_random.NextDouble() < 0.75)
                {
                    await TryAsync("approveModel", () => Models.ApproveAsync(DevUser.Approver, id), tolerated: "INVALID_STATE");
                }
                else
                {
                    await TryAsync("rejectModel", () => Models.RejectAsync(DevUser.Approver, id, "soak: not this one"), tolerated: "INVALID_STATE");
                }
            }

            await Pause(TimeSpan.FromSeconds(1), stop);
        }
    }

    /// <summary>Requests and approves a target extraction every ~2 s; cancels one now and then.</summary>
    private async Task TargetsAsync(string modelRequestId, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            var requested = await TryAsync("requestTargetExtraction", async () => await (await _system.ClientAsync(DevUser.Analyst)).SendAsync(
                $"mutation R($input: RequestTargetInput!) {{ requestTargetExtraction(input: $input) {{ id }} }}",
                new { input = new { modelRequestId, name = $"{_run} t{Guid.NewGuid():N}"[..60], topN = 500, message = "[NocodeAI] soak" } }));
            if (requested?.Field("requestTargetExtraction.id").GetString() is { } id)
            {
                if (++n % 5 == 0)
                {
                    await TryAsync("cancelTargetRequest", () => _targets.CancelAsync(DevUser.Analyst, id), tolerated: "INVALID_STATE");
                }
                else
                {
                    await TryAsync("approveTargetRequest", () => _targets.ApproveAsync(id), tolerated: "INVALID_STATE");
                }
            }

            await Pause(TimeSpan.FromSeconds(2), stop);
        }
    }

    /// <summary>
    /// Cancels what still waits for an approver (nobody would decide it), then waits until every soak request
    /// is final and every consumer has caught up.
    /// </summary>
    private async Task SettleAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            foreach (var id in await SoakModelIdsAsync("REQUESTED", int.MaxValue))
            {
                await TryAsync("settle cancelModel", () => Models.CancelAsync(DevUser.Analyst, id), tolerated: "INVALID_STATE");
            }

            foreach (var id in await SoakTargetIdsAsync("REQUESTED"))
            {
                await TryAsync("settle cancelTargetRequest", () => _targets.CancelAsync(DevUser.Analyst, id), tolerated: "INVALID_STATE");
            }

            var open = (await StatesAsync("models", "model_requests")).Concat(await StatesAsync("targets", "target_requests"))
                .Where(r => !FinalStates.Contains(r.State)).ToList();
            if (open.Count == 0)
            {
                break;
            }

            if (stopwatch.Elapsed > SettleTimeout)
            {
                throw new XunitException($"{open.Count} soak requests were not final {SettleTimeout.TotalMinutes:0} min after the chaos: " +
                    string.Join(", ", open.Take(20).Select(r => $"{r.Id} {r.State}")));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        _system.Log($"Every soak request final {stopwatch.Elapsed.TotalSeconds:0} s after the chaos.");
    }

    private async Task AssertEverythingEndedOnceAsync()
    {
        var problems = new List<string>();
        var models = await StatesAsync("models", "model_requests");
        var targets = await StatesAsync("targets", "target_requests");

        // Final exactly once: one final entry in each history (read through the API, as a user would).
        foreach (var request in models)
        {
            var history = await HistoryAsync($"query H($id: ID!) {{ modelRequest(id: $id) {{ history {{ state }} }} }}", "modelRequest", request.Id);
            if (history.Count(FinalStates.Contains) != 1)
            {
                problems.Add($"model request {request.Id} ({request.State}) has history {string.Join(">", history)}");
            }
        }

        foreach (var request in targets)
        {
            var history = await HistoryAsync($"query H($id: ID!) {{ targetRequest(id: $id) {{ history {{ state }} }} }}", "targetRequest", request.Id);
            if (history.Count(FinalStates.Contains) != 1)
            {
                problems.Add($"target request {request.Id} ({request.State}) has history {string.Join(">", history)}");
            }
        }

        // Restarts and kills are the system's business, not the requests': none may fail for them.
        foreach (var failed in models.Concat(targets).Where(r => r.State == "FAILED" && IsInfrastructureFailure(r.Reason)))
        {
            problems.Add($"{failed.Id} FAILED because of the chaos: {failed.Reason}");
        }

        // Notices: wait until the notices consumers have caught up, then count.
        await WaitForConsumersIdleAsync(TimeSpan.FromMinutes(2));
        var notices = await NoticesAsync([.. models.Concat(targets).Select(r => r.Id)]);
        var noticeCount = 0;
        foreach (var (request, kinds) in models.Select(r => (r, ModelFinalNotice(r.State))).Concat(targets.Select(r => (r, TargetFinalNotice(r.State)))))
        {
            var told = notices.Where(n => n.SubjectId == request.Id && n.Recipient == request.RequestedBy).ToList();
            noticeCount += told.Count;
            foreach (var kind in new[] { "REQUEST_SUBMITTED", kinds })
            {
                var count = told.Count(n => n.Kind == kind);
                if (count != 1)
                {
                    problems.Add($"{request.Id} ({request.State}): {count} {kind} notices for its requester");
                }
            }
        }

        foreach (var duplicate in notices.GroupBy(n => (n.Recipient, n.SubjectId, n.Kind, n.SubjectVersion)).Where(g => g.Count() > 1))
        {
            problems.Add($"notice {duplicate.Key.Kind} about {duplicate.Key.SubjectId} v{duplicate.Key.SubjectVersion} to {duplicate.Key.Recipient} exists {duplicate.Count()} times");
        }

        var duplicateMembers = await ScalarAsync("targets",
            "SELECT count(*) FROM (SELECT 1 FROM target_members m JOIN target_requests r ON r.id = m.target_request_id WHERE r.name LIKE @prefix GROUP BY m.target_request_id, m.customer_id HAVING count(*) > 1) d");
        var members = await ScalarAsync("targets",
            "SELECT count(*) FROM target_members m JOIN target_requests r ON r.id = m.target_request_id WHERE r.name LIKE @prefix");
        if (duplicateMembers > 0)
        {
            problems.Add($"{duplicateMembers} customers appear twice in one soak target list");
        }

        var unpublished = new Dictionary<string, long>();
        foreach (var database in new[] { "models", "targets", "notices" })
        {
            unpublished[database] = await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL");
            if (unpublished[database] > 0)
            {
                problems.Add($"{unpublished[database]} outbox rows of {database} are unpublished");
            }
        }

        var consumers = await WaitForConsumersIdleAsync(TimeSpan.FromMinutes(1));

        _system.Log($"""
            Soak {_run} ({Duration.TotalMinutes:0.#} min): {Describe(_counts)}
              model requests: {models.Count} ({Describe(models.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count()))})
              failure reasons: {Describe(models.Concat(targets).Where(r => r.State == "FAILED").GroupBy(r => r.Reason ?? "-").ToDictionary(g => g.Key, g => g.Count()))}
              target requests: {targets.Count} ({Describe(targets.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count()))}), {members} members, {duplicateMembers} duplicated
              notices to requesters: {noticeCount}; unpublished outbox rows: {Describe(unpublished)}
              consumers at zero pending: {consumers}
              problems: {problems.Count}
            """);
        Assert.True(models.Count > 0 && targets.Count > 0, $"The soak made no requests to check: {Describe(_counts)}");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(50)));
    }

    private static bool IsInfrastructureFailure(string? reason) =>
        reason is not null && (reason.Contains("connect", StringComparison.OrdinalIgnoreCase) || reason.Contains("gave up", StringComparison.OrdinalIgnoreCase));

    private static string ModelFinalNotice(string state) => state switch
    {
        "COMPLETED" => "MODEL_COMPLETED",
        "FAILED" => "REQUEST_FAILED",
        "REJECTED" => "REQUEST_REJECTED",
        _ => "REQUEST_CANCELED",
    };

    private static string TargetFinalNotice(string state) => state == "COMPLETED" ? "TARGET_COMPLETED" : ModelFinalNotice(state);

    /// <summary>Calls the API through the chaos: a transport failure or an error is counted, never thrown.</summary>
    private async Task<GraphQLResult?> TryAsync(string what, Func<Task<GraphQLResult>> call, string? tolerated = null)
    {
        try
        {
            var result = await call();
            if (!result.HasErrors)
            {
                Count($"{what} accepted");
                return result;
            }

            Count(result.ErrorCode() == tolerated ? $"{what} {tolerated} (raced)" : $"{what} refused {result.ErrorCode() ?? ((int?)result.Status)?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or XunitException or IOException or System.Text.Json.JsonException)
        {
            Count($"{what} unanswered");
        }

        return null;
    }

    private void Count(string what) => _counts.AddOrUpdate(what, 1, (_, n) => n + 1);

    private static string Describe<TValue>(IEnumerable<KeyValuePair<string, TValue>> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    private static async Task Pause(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<IReadOnlyList<string>> HistoryAsync(string query, string field, string id)
    {
        var result = (await (await _system.ClientAsync(DevUser.Analyst)).SendAsync(query, new { id })).EnsureSuccess();
        return [.. result.Field(field).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()!)];
    }

    private sealed record SoakRequest(string Id, string State, string RequestedBy, string? Reason);

    private sealed record Notice(string SubjectId, string Recipient, string Kind, long SubjectVersion);

    private Task<IReadOnlyList<SoakRequest>> StatesAsync(string database, string table) =>
        QueryAsync(database, $"SELECT id::text, state, requested_by, reason FROM {table} WHERE name LIKE @prefix",
            r => new SoakRequest(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));

    private async Task<IReadOnlyList<string>> SoakModelIdsAsync(string state, int limit)
    {
        try
        {
            return await QueryAsync("models", "SELECT id::text FROM model_requests WHERE name LIKE @prefix AND state = @state ORDER BY created_at LIMIT @limit",
                r => r.GetString(0), ("state", state), ("limit", limit));
        }
        catch (NpgsqlException)
        {
            return []; // PostgreSQL is being restarted: try again on the next round.
        }
    }

    private async Task<IReadOnlyList<string>> SoakTargetIdsAsync(string state) =>
        await QueryAsync("targets", "SELECT id::text FROM target_requests WHERE name LIKE @prefix AND state = @state", r => r.GetString(0), ("state", state));

    private Task<IReadOnlyList<Notice>> NoticesAsync(string[] subjectIds) =>
        QueryAsync("notices", "SELECT subject_id::text, recipient, kind, subject_version FROM notices WHERE subject_id::text = ANY(@ids)",
            r => new Notice(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)), ("ids", subjectIds));

    private async Task<long> ScalarAsync(string database, string sql) =>
        (await QueryAsync(database, sql, r => r.GetInt64(0))).Single();

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        // Unpooled: the soak restarts PostgreSQL, and a pooled connection from before a restart fails
        // its next command with a broken pipe (seen once in the final assertions).
        var unpooled = new NpgsqlConnectionStringBuilder(NocodeSystem.ConnectionString(database)) { Pooling = false };
        await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("prefix", _run + " %");
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Every durable consumer of the system's streams at zero pending and zero unacknowledged; returns how many.</summary>
    private static async Task<int> WaitForConsumersIdleAsync(TimeSpan timeout)
    {
        await using var jetStream = await JetStreamEvents.ConnectAsync();
        return await jetStream.WaitUntilAllIdleAsync(SystemStreams, timeout, "the soak's messages");
    }
}
