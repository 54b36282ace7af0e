using NocodeAI.IntegrationTests.Targets;

namespace NocodeAI.IntegrationTests.Notices;

/// <summary>
/// Issues 3 and 4: target requests are told to their requester and approvers like model requests, and
/// show in myRequests, all from the targets service's events.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class TargetNoticeTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _notices = new(system);
    private readonly TargetRequestsApi _targets = new(system);

    public Task InitializeAsync() => _notices.EnsureReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_sent_target_list_tells_the_analyst_each_step_with_counts_and_each_approver_once()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        var id = await _targets.RequestValidAsync(model, topN: 1200);
        (await _targets.ApproveAsync(id)).EnsureSuccess();
        var done = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED");
        Assert.True(done.GetProperty("state").GetString() == "COMPLETED", done.ToString());

        var toAnalyst = await _notices.WaitForNoticesAsync(DevUser.Analyst, id, n => n.Any(x => x.Kind == "TARGET_COMPLETED"), "the LMS-sent notice");
        Assert.Equal(["REQUEST_SUBMITTED", "REQUEST_APPROVED", "EXTRACTION_STARTED", "TARGETS_EXTRACTED", "TARGET_COMPLETED"], toAnalyst.Select(n => n.Kind));
        Assert.All(toAnalyst, n => Assert.Equal("TARGET_REQUEST", n.SubjectType));
        Assert.Contains("1,200", toAnalyst[3].Body, StringComparison.Ordinal);
        var sent = done.GetProperty("dispatch").GetProperty("sent").GetInt32();
        Assert.Contains(sent.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), toAnalyst[4].Body, StringComparison.Ordinal);

        foreach (var approver in new[] { DevUser.Approver, DevUser.Admin })
        {
            var told = await _notices.WaitForNoticesAsync(approver, id, n => n.Count > 0, $"the approval request to {approver}");
            Assert.Equal(["APPROVAL_REQUESTED"], told.Select(n => n.Kind));
        }

        var row = await _notices.WaitForMyRequestAsync(DevUser.Analyst, id, "COMPLETED");
        Assert.Equal("TARGET_REQUEST", row.RequiredText("kind"));
        Assert.Contains(await _notices.MyRequestsAsync(DevUser.Analyst, "TARGET_REQUEST"), r => r.RequiredText("id") == id);
        Assert.DoesNotContain(await _notices.MyRequestsAsync(DevUser.Analyst, "MODEL_REQUEST"), r => r.RequiredText("id") == id);
    }

    [Fact]
    public async Task MIDAS_down_for_good_tells_the_analyst_it_FAILED_and_why()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        var id = await _targets.RequestValidAsync(model, topN: 50);
        JsonElement done;
        try
        {
            await _targets.SetMidasFaultAsync(down: true);
            (await _targets.ApproveAsync(id)).EnsureSuccess();
            done = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED");
        }
        finally
        {
            await _targets.ClearMidasFaultsAsync();
        }

        Assert.True(done.GetProperty("state").GetString() == "FAILED", done.ToString());
        var reason = done.GetProperty("reason").GetString()!;
        var toAnalyst = await _notices.WaitForNoticesAsync(DevUser.Analyst, id, n => n.Any(x => x.Kind == "REQUEST_FAILED"), "the failure notice");
        var failed = Assert.Single(toAnalyst, n => n.Kind == "REQUEST_FAILED");
        Assert.Contains(reason, failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(toAnalyst, n => n.Kind == "TARGET_COMPLETED");
        await _notices.WaitForMyRequestAsync(DevUser.Analyst, id, "FAILED");
    }
}
