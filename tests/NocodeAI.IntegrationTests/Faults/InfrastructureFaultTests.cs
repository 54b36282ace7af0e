using System.Collections.Concurrent;
using NocodeAI.IntegrationTests.Notices;

namespace NocodeAI.IntegrationTests.Faults;

/// <summary>
/// Issue 7, the fault suite (<c>./nocode test --faults</c>): NATS, Redis and PostgreSQL go away in the
/// middle of work. Whatever was accepted reaches a final state once, every expected notice exists
/// once, and subscribers either keep receiving or are told the stream ended.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
[Trait("Category", "Faults")]
public sealed class InfrastructureFaultTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(4);

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _notices = new(system);

    private ModelRequestsApi Models => _system.Models;

    public Task InitializeAsync() => _notices.EnsureReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NATS_restarted_mid_training_loses_and_duplicates_nothing()
    {
        var training = await Models.RequestValidAsync(DevUser.Analyst, "nats restart mid-training");
        await using var feed = await Models.WatchOverSseAsync(DevUser.Analyst, training.Id);
        string duringOutage;
        try
        {
            (await Models.ApproveAsync(DevUser.Approver, training.Id)).EnsureSuccess();
            await feed.WaitForAsync(e => e.State == "TRAINING", Expectations.TrainingTimeout, "TRAINING");
            await _system.StopAsync("nats");

            // Committed with its outbox row while NATS is away; published once it is back.
            duringOutage = (await Models.RequestValidAsync(DevUser.Analyst, "requested while nats is down")).Id;
        }
        finally
        {
            await _system.EnsureRunningAsync("nats");
        }

        var final = await Models.WaitForStateAsync(training.Id, RecoveryTimeout, "COMPLETED", "FAILED", "CANCELED");
        Assert.True(final.State == "COMPLETED", $"After the NATS restart the model ended {final.State}: {final.Node}");
        var history = final.Node.Items("history").Select(h => h.RequiredText("state")).ToList();
        Assert.Equal(1, history.Count(s => s == "COMPLETED"));

        var told = await _notices.WaitForNoticesAsync(DevUser.Analyst, training.Id, n => n.Any(x => x.Kind == "MODEL_COMPLETED"), "the completion notice", RecoveryTimeout);
        AssertOncePerKind(told);
        var submitted = await _notices.WaitForNoticesAsync(DevUser.Analyst, duringOutage, n => n.Count > 0, "the notice of the request made during the outage", RecoveryTimeout);
        Assert.Equal(["REQUEST_SUBMITTED"], submitted.Select(n => n.Kind));
        await Models.CancelQuietlyAsync(duringOutage);
    }

    [Fact]
    public async Task Redis_stopped_under_a_subscriber_keeps_mutations_working_and_the_subscriber_is_told()
    {
        var watched = await Models.RequestValidAsync(DevUser.Analyst, "redis outage watched");
        await using var feed = await Models.WatchOverWebSocketAsync(DevUser.Analyst, watched.Id);
        string other;
        try
        {
            await _system.StopAsync("redis");

            // Redis keeps nothing for a subscriber that is away, and the publisher may reconnect before
            // the subscriber does: carrying on would lose changes silently. The stream ends with an error
            // the client can act on (subscribe again, re-read), through the gateway.
            var reason = await feed.WaitForEndAsync(TimeSpan.FromSeconds(30), "Redis stopped");
            Assert.Contains("SERVICE_UNAVAILABLE", reason);
            Assert.Contains("subscribe again", reason);

            // State lives in PostgreSQL and travels over NATS: only live delivery needs Redis.
            other = (await Models.RequestValidAsync(DevUser.Analyst, "requested while redis is down")).Id;

            // A subscription asked for while Redis is away is refused clearly, as retryable.
            var refused = await Models.FirstSubscriptionResultAsync(DevUser.Analyst, other, TimeSpan.FromSeconds(30));
            Assert.Equal("SERVICE_UNAVAILABLE", refused.ErrorCode());
        }
        finally
        {
            await _system.EnsureRunningAsync("redis");
        }

        // A new subscriber after recovery is served live.
        await using var fresh = await Models.WatchOverWebSocketAsync(DevUser.Analyst, other);
        Assert.Equal("CANCELED", (await Models.CancelAsync(DevUser.Analyst, other)).EnsureSuccess().Field("cancelModel.state").GetString());
        await fresh.WaitForAsync(e => e.State == "CANCELED", TimeSpan.FromSeconds(30), "CANCELED on a subscription made after the outage");
        var notices = await _notices.WaitForNoticesAsync(DevUser.Analyst, other, n => n.Any(x => x.Kind == "REQUEST_CANCELED"), "the cancel notice");
        AssertOncePerKind(notices);
        await Models.CancelQuietlyAsync(watched.Id);
    }

    private static readonly TimeSpan OutageLongerThanRetries = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PostgreSQL_restarted_under_load_answers_every_mutation_clearly_and_keeps_what_it_accepted()
    {
        var template = await Models.ValidInputAsync("pg load");
        IReadOnlyDictionary<string, object?> Input(string name) => new Dictionary<string, object?>(template) { ["name"] = ModelRequestsApi.UniqueName(name) };
        var accepted = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        var refusedAfterRecovery = new ConcurrentBag<string>();
        var recoveredAtTicks = DateTime.MaxValue.Ticks;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var startedAt = DateTime.UtcNow;
                var result = await Models.RequestAsync(DevUser.Analyst, Input($"pg load {worker}-{n++}"));
                if (result.HasErrors)
                {
                    refused.Add($"{(int?)result.Status} {result.ErrorCode()}: {result.Errors[0].GetProperty("message").GetString()}");
                    if (startedAt.Ticks > Interlocked.Read(ref recoveredAtTicks))
                    {
                        refusedAfterRecovery.Add($"{startedAt:HH:mm:ss.fff} {result.ErrorCode()}");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
                else
                {
                    accepted.Add(result.Field("requestModel.id").GetString()!);
                }
            }
        })).ToList();

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await _system.StopAsync("postgres");
            // Longer than a command's whole retry budget (CommandRetry's 3 attempts around the execution
            // strategy's 3 tries, each up to about a second apart): a request has to be refused, not just
            // slowed. With 3 s, a CI run once rode out the whole outage on retries (accepted 759, refused 0).
            await Task.Delay(OutageLongerThanRetries);
        }
        finally
        {
            await _system.EnsureRunningAsync("postgres");
            Interlocked.Exchange(ref recoveredAtTicks, DateTime.UtcNow.Ticks);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        try
        {
            _system.Log($"Accepted {accepted.Count}, refused {refused.Count}: {string.Join(" | ", refused.Distinct().Take(5))}");
            Assert.NotEmpty(refused);
            Assert.All(refused, answer => Assert.Matches("^(200|503|502) (SERVICE_UNAVAILABLE|SUBGRAPH_UNAVAILABLE):", answer));
            Assert.Equal(accepted.Count, accepted.Distinct().Count());
            // 16.6: once PostgreSQL answers again, no request fails: the broken pooled connections are
            // cleared and a command that did not commit runs again.
            Assert.True(refusedAfterRecovery.IsEmpty, $"Requests made after PostgreSQL was back failed: {string.Join(", ", refusedAfterRecovery)}");

            // What was accepted is stored, once, and announced once: read from the notices database, since
            // hundreds of requests push them past the first page of the analyst's notices.
            foreach (var id in accepted.OrderBy(id => id, StringComparer.Ordinal).Take(10))
            {
                Assert.Equal("REQUESTED", (await Models.GetSnapshotAsync(DevUser.Analyst, id)).State);
            }

            var ids = accepted.Select(Guid.Parse).ToArray();
            IReadOnlyDictionary<Guid, int> submitted = new Dictionary<Guid, int>();
            await NoticesApi.EventuallyAsync(async () => (submitted = await SubmissionNoticesAsync(ids)).Count == ids.Length, RecoveryTimeout,
                $"a submission notice for each of the {ids.Length} accepted requests");
            Assert.All(submitted, pair => Assert.True(pair.Value == 1, $"{pair.Value} submission notices for {pair.Key}"));

            var after = await Models.RequestAsync(DevUser.Analyst, Input("after pg restart"));
            Assert.False(after.HasErrors, $"A mutation after the restart failed: the services did not reconnect. {after}");
            accepted.Add(after.Field("requestModel.id").GetString()!);
        }
        finally
        {
            // Hundreds of pending requests would crowd the approvers' lists of later tests.
            foreach (var id in accepted)
            {
                await Models.CancelQuietlyAsync(id);
            }
        }
    }

    /// <summary>
    /// 16.6: PostgreSQL restarts while the system is idle, so every service holds pooled connections that
    /// died with it. The first requests afterwards — a sign-in, a command, queries on three subgraphs —
    /// must succeed without the client retrying: the services clear the dead connections and run again
    /// what did not reach the database.
    /// </summary>
    [Fact]
    public async Task After_PostgreSQL_restarts_while_idle_the_first_request_of_every_service_succeeds()
    {
        // Every service uses its pool once, so there are connections to go stale.
        var before = await Models.RequestValidAsync(DevUser.Analyst, "before an idle pg restart");
        _ = await _notices.NoticesAsync(DevUser.Analyst);
        var analyst = await _system.ClientAsync(DevUser.Analyst);
        (await analyst.SendAsync("{ targetRequests(first: 1) { totalCount } }")).EnsureSuccess();

        // ./nocode itself, not EnsureRunningAsync: that waits for every service's readiness check, and
        // those checks would use up the dead connections before the requests below meet them.
        Assert.Equal(0, await _system.RunNocodeAsync(TimeSpan.FromMinutes(1), "stop", "postgres"));
        Assert.Equal(0, await _system.RunNocodeAsync(TimeSpan.FromMinutes(1), "start", "postgres"));

        var token = await _system.LoginAsync("analyst", "nocode-analyst");
        Assert.False(string.IsNullOrEmpty(token));
        var fresh = _system.Gateway.WithToken(token);
        var requested = await Models.RequestAsync(DevUser.Analyst, await Models.ValidInputAsync("first after an idle pg restart"));
        Assert.False(requested.HasErrors, $"The first command after the restart failed: {requested}");
        var models = await fresh.SendAsync("{ modelRequests(first: 1) { totalCount } }");
        Assert.False(models.HasErrors, $"The first models query after the restart failed: {models}");
        var targets = await fresh.SendAsync("{ targetRequests(first: 1) { totalCount } }");
        Assert.False(targets.HasErrors, $"The first targets query after the restart failed: {targets}");
        var notices = await fresh.SendAsync("{ notices(first: 1) { edges { node { id } } } }");
        Assert.False(notices.HasErrors, $"The first notices query after the restart failed: {notices}");

        await Models.CancelQuietlyAsync(before.Id);
        await Models.CancelQuietlyAsync(requested.Field("requestModel.id").GetString()!);
    }

    /// <summary>REQUEST_SUBMITTED notices to the analyst per request, for the requests that have any.</summary>
    private static async Task<IReadOnlyDictionary<Guid, int>> SubmissionNoticesAsync(Guid[] ids)
    {
        await using var connection = new Npgsql.NpgsqlConnection(NocodeSystem.ConnectionString("notices"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT subject_id, count(*)::int FROM notices WHERE recipient = 'analyst' AND kind = 'REQUEST_SUBMITTED' AND subject_id = ANY(@ids) GROUP BY subject_id",
            connection);
        command.Parameters.AddWithValue("ids", ids);
        var counts = new Dictionary<Guid, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static void AssertOncePerKind(IReadOnlyList<NoticeSeen> notices)
    {
        foreach (var group in notices.GroupBy(n => n.Kind))
        {
            Assert.True(group.Count() == 1, $"{group.Count()} notices of kind {group.Key}: {string.Join(", ", notices.Select(n => n.Kind))}");
        }
    }
}
