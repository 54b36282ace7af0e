namespace NocodeAI.IntegrationTests.Notices;

/// <summary>Issue 3: <c>noticeReceived</c> through the gateway (WebSocket) receives a notice caused by an approval made in the same test.</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class NoticeReceivedTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Subscription = $"subscription {{ noticeReceived {{ {NoticesApi.NoticeFields} }} }}";

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _notices = new(system);

    public Task InitializeAsync() => _notices.EnsureReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_analyst_receives_the_approval_notice_over_WebSocket_and_nobody_elses()
    {
        var request = await _system.Models.RequestValidAsync(DevUser.Analyst, "notice received");
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, await _system.TokenAsync(DevUser.Analyst));
        var before = await _notices.ActiveSubscriptionsAsync();
        await using var stream = await socket.SubscribeAsync(Subscription);
        await _notices.WaitForSubscriptionAsync(before);
        try
        {
            (await _system.Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();

            using var timeout = new CancellationTokenSource(NoticesApi.NoticeTimeout);
            NoticeSeen? approval = null;
            var seen = new List<NoticeSeen>();
            await foreach (var result in stream.ReadAllAsync(timeout.Token))
            {
                var notice = NoticeSeen.From(result.EnsureSuccess().Field("noticeReceived"));
                seen.Add(notice);
                if (notice.SubjectId == request.Id && notice.Kind == "REQUEST_APPROVED")
                {
                    approval = notice;
                    break;
                }
            }

            Assert.NotNull(approval);
            Assert.All(seen, n => Assert.Equal("analyst", n.Recipient));
            Assert.Contains(request.Node.RequiredText("name"), approval.Title, StringComparison.Ordinal);
            Assert.Contains(approval.Id, (await _notices.NoticesAboutAsync(DevUser.Analyst, request.Id)).Select(n => n.Id));
        }
        finally
        {
            await _system.Models.CancelQuietlyAsync(request.Id);
        }
    }
}
