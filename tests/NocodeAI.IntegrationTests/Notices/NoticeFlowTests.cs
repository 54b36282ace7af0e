using System.Text.RegularExpressions;

namespace NocodeAI.IntegrationTests.Notices;

/// <summary>
/// Issue 3, "each event type yields the right notice for the right people": real model requests driven
/// through the gateway, and the notices the requester and the approvers then read through the gateway.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed partial class NoticeFlowTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _notices = new(system);

    private ModelRequestsApi Models => _system.Models;

    public Task InitializeAsync() => _notices.EnsureReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_trained_model_tells_the_analyst_every_step_with_the_AUC_and_each_approver_once()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "notices trained");
        try
        {
            (await Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();
            var final = await Models.WaitForStateAsync(request.Id, Expectations.TrainingTimeout, "COMPLETED", "FAILED", "CANCELED");
            Assert.True(final.State == "COMPLETED", $"The model ended {final.State}: {final.Node}");

            var toAnalyst = await _notices.WaitForNoticesAsync(DevUser.Analyst, request.Id,
                n => n.Any(x => x.Kind == "MODEL_COMPLETED"), "the completion notice");
            Assert.Equal(["REQUEST_SUBMITTED", "REQUEST_APPROVED", "TRAINING_STARTED", "MODEL_COMPLETED"], toAnalyst.Select(n => n.Kind));
            Assert.All(toAnalyst, n =>
            {
                Assert.Equal("analyst", n.Recipient);
                Assert.Equal("MODEL_REQUEST", n.SubjectType);
                Assert.Contains(request.Node.RequiredText("name"), n.Body, StringComparison.Ordinal);
            });
            var auc = final.Node.Number("metrics.auc")!.Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"AUC {auc}", toAnalyst[^1].Body, StringComparison.Ordinal);
            Assert.Matches(ThreeDecimals(), toAnalyst[^1].Body);
            Assert.Contains("approver", toAnalyst[1].Body, StringComparison.Ordinal);

            foreach (var approver in new[] { DevUser.Approver, DevUser.Admin })
            {
                var told = await _notices.WaitForNoticesAsync(approver, request.Id, n => n.Count > 0, $"the approval request to {approver}");
                Assert.Equal(["APPROVAL_REQUESTED"], told.Select(n => n.Kind));
                Assert.Contains("analyst", told[0].Body, StringComparison.Ordinal);
            }

            Assert.Empty(await _notices.NoticesAboutAsync(DevUser.Analyst2, request.Id));
            var row = await _notices.WaitForMyRequestAsync(DevUser.Analyst, request.Id, "COMPLETED");
            Assert.Equal(1.0, row.Number("progress"));
            Assert.Equal("MODEL_REQUEST", row.RequiredText("kind"));
        }
        finally
        {
            await Models.CancelQuietlyAsync(request.Id);
        }
    }

    [Fact]
    public async Task A_rejection_names_the_reason_and_a_cancel_is_told_to_the_requester()
    {
        var rejected = await Models.RequestValidAsync(DevUser.Analyst, "notices rejected");
        var canceled = await Models.RequestValidAsync(DevUser.Analyst2, "notices canceled");
        var reason = $"Too few features ({Guid.NewGuid():N})";

        (await Models.RejectAsync(DevUser.Approver, rejected.Id, reason)).EnsureSuccess();
        (await Models.CancelAsync(DevUser.Analyst2, canceled.Id)).EnsureSuccess();

        var rejection = await _notices.WaitForNoticesAsync(DevUser.Analyst, rejected.Id, n => n.Any(x => x.Kind == "REQUEST_REJECTED"), "the rejection notice");
        Assert.Equal(["REQUEST_SUBMITTED", "REQUEST_REJECTED"], rejection.Select(n => n.Kind));
        Assert.Contains(reason, rejection[1].Body, StringComparison.Ordinal);
        var cancel = await _notices.WaitForNoticesAsync(DevUser.Analyst2, canceled.Id, n => n.Any(x => x.Kind == "REQUEST_CANCELED"), "the cancel notice");
        Assert.Equal(["REQUEST_SUBMITTED", "REQUEST_CANCELED"], cancel.Select(n => n.Kind));
        Assert.Empty(await _notices.NoticesAboutAsync(DevUser.Analyst, canceled.Id));
        Assert.Equal("REJECTED", (await _notices.WaitForMyRequestAsync(DevUser.Analyst, rejected.Id, "REJECTED")).RequiredText("state"));
        Assert.Equal("CANCELED", (await _notices.WaitForMyRequestAsync(DevUser.Approver, canceled.Id, "CANCELED")).RequiredText("state"));
        Assert.DoesNotContain(await _notices.MyRequestsAsync(DevUser.Analyst), r => r.RequiredText("id") == canceled.Id);
    }

    [Fact]
    public async Task markNoticesRead_through_the_gateway_marks_only_the_callers_notices()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "notices read");
        var mine = await _notices.WaitForNoticesAsync(DevUser.Analyst, request.Id, n => n.Count == 1, "the submission notice");
        var approvers = await _notices.WaitForNoticesAsync(DevUser.Approver, request.Id, n => n.Count == 1, "the approval request");
        var client = await _system.ClientAsync(DevUser.Analyst);

        var marked = await client.SendAsync("mutation($ids: [ID!]) { markNoticesRead(ids: $ids) }",
            new { ids = new[] { mine[0].Id, approvers[0].Id, Guid.NewGuid().ToString() } });

        Assert.Equal(1, marked.EnsureSuccess().Field("markNoticesRead").GetInt32());
        Assert.NotNull((await _notices.NoticesAboutAsync(DevUser.Analyst, request.Id))[0].ReadAt);
        Assert.Null((await _notices.NoticesAboutAsync(DevUser.Approver, request.Id))[0].ReadAt);
        Assert.DoesNotContain(await _notices.NoticesAsync(DevUser.Analyst, unreadOnly: true), n => n.Id == mine[0].Id);
        var anonymous = await _system.Gateway.SendAsync("{ unreadNoticeCount }");
        GraphQLAssert.Error(anonymous, "UNAUTHENTICATED");
    }

    [GeneratedRegex(@"AUC \d\.\d{3}(?!\d)")]
    private static partial Regex ThreeDecimals();
}
