using System.Text.Json.Nodes;

namespace NocodeAI.IntegrationTests.Notices;

/// <summary>
/// Issue 3, "a duplicated event yields one notice": the ModelRejected envelope the models service
/// published, stored twice more in JetStream under other Nats-Msg-Ids (as after a publisher retry past
/// the duplicate window), gives the analyst one rejection notice and SwingChat one message.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class DuplicateNoticeTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private const string RejectedSubject = "nocode.models.ModelRejected";

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _notices = new(system);

    public Task InitializeAsync() => _notices.EnsureReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_model_event_delivered_three_times_yields_one_notice_and_one_SwingChat_message()
    {
        var request = await _system.Models.RequestValidAsync(DevUser.Analyst, "duplicate notice");
        (await _system.Models.RejectAsync(DevUser.Approver, request.Id, "duplicate test")).EnsureSuccess();
        var first = await _notices.WaitForNoticesAsync(DevUser.Analyst, request.Id, n => n.Any(x => x.Kind == "REQUEST_REJECTED"), "the rejection notice");
        await using var jetStream = await JetStreamEvents.ConnectAsync();
        var stored = await jetStream.LastAsync(RejectedSubject) ?? throw new Xunit.Sdk.XunitException($"Nothing stored on {RejectedSubject}");
        var envelope = JsonNode.Parse(stored.Body)!;
        Assert.Equal(request.Id, envelope["aggregateId"]!.GetValue<string>());
        var envelopeId = envelope["id"]!.GetValue<string>();

        await jetStream.PublishAsync(RejectedSubject, stored.Body, new Dictionary<string, string> { ["Nats-Msg-Id"] = $"{envelopeId}-again" });
        var last = await jetStream.PublishAsync(RejectedSubject, stored.Body, new Dictionary<string, string> { ["Nats-Msg-Id"] = $"{envelopeId}-third" });
        await jetStream.WaitUntilAcknowledgedAsync(RejectedSubject, last, NoticesApi.NoticeTimeout, consumerNameHint: "notices");

        var notices = await _notices.NoticesAboutAsync(DevUser.Analyst, request.Id);
        var rejection = Assert.Single(notices, n => n.Kind == "REQUEST_REJECTED");
        Assert.Equal(first.Single(n => n.Kind == "REQUEST_REJECTED").Id, rejection.Id);
        Assert.Equal(2, notices.Count);
        Assert.Equal("REJECTED", (await _notices.WaitForMyRequestAsync(DevUser.Analyst, request.Id, "REJECTED")).RequiredText("state"));

        await NoticesApi.EventuallyAsync(async () => (await _notices.NoticesAboutAsync(DevUser.Analyst, request.Id)).All(n => n.MessengerState == "SENT"),
            NoticesApi.NoticeTimeout, "the notices to reach SwingChat");
        var received = await _notices.ReceivedAsync("swingchat", rejection.Id);
        var entry = Assert.Single(received.Items("items"));
        Assert.Equal(1, entry.Number("count"));
        Assert.Equal("swingchat:analyst", entry.RequiredText("payload.recipient"));
    }
}
