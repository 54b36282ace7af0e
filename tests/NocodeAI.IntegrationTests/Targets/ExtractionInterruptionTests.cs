using System.Diagnostics;
using Npgsql;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Targets;

/// <summary>
/// Issue 4: an extraction interrupted while EXTRACTING, by a cancel or by a crashed worker. Scoring the
/// 100,000-customer population takes about a second, so each test catches the request in EXTRACTING by
/// polling, acts at once, and then checks from the request's history that it really acted mid-job; a
/// request that slipped past EXTRACTING first is retried with a fresh one (a few attempts at most).
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class ExtractionInterruptionTests(NocodeSystem system, ITestOutputHelper output)
{
    private const int Attempts = 4;
    private readonly NocodeSystem _system = system.Attach(output);
    private readonly TargetRequestsApi _targets = new(system);

    [Fact]
    public async Task Cancel_while_EXTRACTING_ends_CANCELED_with_no_list_and_nothing_sent()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var id = await _targets.RequestValidAsync(model, topN: 20_000);
            (await _targets.ApproveAsync(id)).EnsureSuccess();
            if (!await CatchExtractingAsync(id))
            {
                _system.Log($"Attempt {attempt}: {id} left EXTRACTING before the test saw it; trying a new request.");
                continue;
            }

            var cancel = await _targets.CancelAsync(DevUser.Analyst, id);
            if (cancel.HasErrors || !WasCanceledWhile(cancel.Field("cancelTarget"), "EXTRACTING"))
            {
                _system.Log($"Attempt {attempt}: the cancel of {id} did not land in EXTRACTING ({cancel}); trying a new request.");
                continue;
            }

            // The worker finishes scoring after the cancel: what it stores is refused and nothing is dispatched.
            await WaitForExtractionJobToSettleAsync(id);
            var node = await _targets.GetAsync(id);
            Assert.Equal("CANCELED", node.GetProperty("state").GetString());
            Assert.Equal(0, await _targets.MemberCountAsync(id));
            Assert.Equal(0, (await StoredMembersAsync(id)).Rows);
            Assert.Empty((await _targets.MidasReceivedAsync(id)).Keys);
            return;
        }

        throw new XunitException($"No request was cancelled while EXTRACTING in {Attempts} attempts.");
    }

    [Fact]
    [Trait("Category", "Faults")]
    public async Task A_worker_killed_mid_extraction_is_redelivered_and_stores_each_member_once()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var id = await _targets.RequestValidAsync(model, topN: 20_000);
            (await _targets.ApproveAsync(id)).EnsureSuccess();
            var caught = await CatchExtractingAsync(id);
            if (caught)
            {
                await _system.KillAsync("extraction");
            }

            try
            {
                if (!caught || !await StillExtractingAsync(id))
                {
                    _system.Log($"Attempt {attempt}: the kill did not land while {id} was EXTRACTING; trying a new request.");
                    await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED", "CANCELED");
                    continue;
                }
            }
            finally
            {
                await _system.EnsureRunningAsync("extraction");
            }

            var done = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED", "CANCELED");
            Assert.True(done.GetProperty("state").GetString() == "COMPLETED", done.ToString());
            _system.Log($"History after the restart: {done.GetProperty("history")}");
            Assert.Equal(20_000, done.GetProperty("targetCount").GetInt32());
            var (rows, customers) = await StoredMembersAsync(id);
            Assert.Equal(20_000, rows);
            Assert.Equal(20_000, customers);
            var (keys, recipients) = await _targets.MidasReceivedAsync(id);
            Assert.All(keys.Values, count => Assert.Equal(1, count));
            Assert.Equal(20_000, recipients);
            return;
        }

        throw new XunitException($"No kill landed while a request was EXTRACTING in {Attempts} attempts.");
    }

    /// <summary>Polls tightly until the request is EXTRACTING (true) or already past it (false).</summary>
    private async Task<bool> CatchExtractingAsync(string id)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TargetRequestsApi.FlowTimeout)
        {
            var state = (await _targets.GetAsync(id)).GetProperty("state").GetString();
            switch (state)
            {
                case "EXTRACTING":
                    return true;
                case "REQUESTED" or "APPROVED":
                    await Task.Delay(TimeSpan.FromMilliseconds(10));
                    continue;
                default:
                    return false;
            }
        }

        throw new XunitException($"Target request {id} never started extracting.");
    }

    /// <summary>True when the request is still EXTRACTING once its worker is dead: the job was cut off mid-way.</summary>
    private async Task<bool> StillExtractingAsync(string id)
    {
        // Reports the worker published before dying are stored in JetStream; once targets has applied
        // them all, nothing more can move the request until the job is redelivered.
        await ConsumerIdle.WaitAsync(TargetRequestsApi.FlowTimeout, $"targets to apply what the killed worker reported about {id}",
            Consumers.TargetsOnExtraction);
        return (await _targets.GetAsync(id)).GetProperty("state").GetString() == "EXTRACTING";
    }

    private static bool WasCanceledWhile(JsonElement node, string state)
    {
        var states = node.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("state").GetString()).ToList();
        return node.GetProperty("state").GetString() == "CANCELED" && states.Count >= 2 && states[^2] == state;
    }

    /// <summary>
    /// The cancelled job keeps scoring until it tries to store and is refused: wait until the worker has
    /// acknowledged it and targets has applied whatever it reported.
    /// </summary>
    private static Task WaitForExtractionJobToSettleAsync(string id) =>
        ConsumerIdle.WaitAsync(TargetRequestsApi.FlowTimeout, $"the extraction job of the cancelled {id} to finish",
            Consumers.ExtractTargetsJobs, Consumers.TargetsOnExtraction);

    private static async Task<(int Rows, int Customers)> StoredMembersAsync(string id)
    {
        await using var connection = new NpgsqlConnection(NocodeSystem.ConnectionString("targets"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::int, count(DISTINCT customer_id)::int FROM target_members WHERE target_request_id = @id", connection);
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }
}
