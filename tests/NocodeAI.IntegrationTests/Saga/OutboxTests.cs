namespace NocodeAI.IntegrationTests.Saga;

/// <summary>
/// The transactional outbox (SPEC §3, N4): a change committed while NATS is down is kept in the
/// service's database and published once NATS returns, so the saga carries on by itself.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class OutboxTests(NocodeSystem system, ITestOutputHelper output)
{
    private static readonly TimeSpan RelayTimeout = TimeSpan.FromSeconds(90);

    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Fact]
    public async Task A_change_committed_while_NATS_is_down_is_published_when_NATS_returns_and_the_model_completes()
    {
        // Warm the token cache and the dataset catalogue first: neither involves NATS, but the test
        // should fail on the outbox, not on a cold login.
        await Models.ValidInputAsync("warm-up");
        await _system.TokenAsync(DevUser.Approver);
        string? id = null;
        try
        {
            await _system.StopAsync("nats");

            var request = await Models.RequestValidAsync(DevUser.Analyst, "outbox while nats is down");
            id = request.Id;
            var approved = (await Models.ApproveAsync(DevUser.Approver, id)).EnsureSuccess().Field("approveModel");
            Assert.Equal("APPROVED", approved.RequiredText("state"));

            var pending = await ModelsDatabase.OutboxRowsAsync(id);
            Assert.True(pending.Count > 0, $"No outbox rows for {id} in {ModelsDatabase.Name}.outbox_messages.");
            Assert.All(pending, r => Assert.False(r.Published, $"Published while NATS is down? {ModelsDatabase.Describe(pending)}"));
            Assert.Contains(pending, r => r.Type == "ModelRequested");
            Assert.Contains(pending, r => r.Type == "ModelApproved");
            Assert.Contains(pending, r => r.Type == "TrainModel");
            Assert.Equal("APPROVED", (await Models.GetSnapshotAsync(DevUser.Analyst, id)).State);

            await _system.StartAsync("nats");

            var final = await Models.WaitForStateAsync(id, Expectations.TrainingTimeout + RelayTimeout, "COMPLETED", "FAILED", "CANCELED");
            Assert.True(final.State == "COMPLETED", $"After NATS returned the model ended {final.State}: {final.Node}");
            await WaitUntilAllPublishedAsync(id);
        }
        finally
        {
            await _system.EnsureRunningAsync("nats");
            if (id is not null)
            {
                var state = (await Models.GetSnapshotAsync(DevUser.Admin, id)).State;
                if (state is not ("COMPLETED" or "FAILED" or "CANCELED"))
                {
                    await Models.CancelQuietlyAsync(id);
                }
            }
        }
    }

    private static async Task WaitUntilAllPublishedAsync(string id)
    {
        var deadline = DateTime.UtcNow + RelayTimeout;
        while (true)
        {
            var rows = await ModelsDatabase.OutboxRowsAsync(id);
            if (rows.All(r => r.Published))
            {
                Assert.Contains(rows, r => r.Type == "ModelCompleted");
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Outbox rows of {id} still unpublished after {RelayTimeout.TotalSeconds:0} s: {ModelsDatabase.Describe(rows)}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
