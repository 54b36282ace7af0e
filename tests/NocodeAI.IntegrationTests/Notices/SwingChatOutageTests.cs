namespace NocodeAI.IntegrationTests.Notices;

/// <summary>
/// Issue 3: with SwingChat down (the stand-in's "down" fault) notices are stored and readable, delivery
/// is retried and ends FAILED after the configured attempts (4 in Development), and after recovery the
/// notices still pending are delivered, once each.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class SwingChatOutageTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>SwingChat:MaxAttempts in src/NocodeAI.Notices/appsettings.Development.json.</summary>
    private const int DevelopmentMaxAttempts = 4;

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _notices = new(system);

    public Task InitializeAsync() => _notices.EnsureReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task During_an_outage_notices_are_kept_and_end_FAILED_and_after_recovery_the_pending_ones_are_SENT()
    {
        await _system.TokenAsync(DevUser.Analyst);
        string? during = null, beforeRecovery = null;
        try
        {
            await _notices.SetFaultAsync("swingchat", down: true);

            during = (await _system.Models.RequestValidAsync(DevUser.Analyst, "swingchat outage")).Id;
            var stored = await _notices.WaitForNoticesAsync(DevUser.Analyst, during, n => n.Count == 1, "the notice stored during the outage");
            Assert.Equal("REQUEST_SUBMITTED", stored[0].Kind);
            Assert.NotEqual("SENT", stored[0].MessengerState);

            var failed = await _notices.WaitForNoticesAsync(DevUser.Analyst, during, n => n.All(x => x.MessengerState == "FAILED"), "the notice to end FAILED");
            Assert.Equal(DevelopmentMaxAttempts, failed[0].Attempts);
            Assert.Contains("503", failed[0].LastError, StringComparison.Ordinal);
            Assert.Empty((await _notices.ReceivedAsync("swingchat", failed[0].Id)).Items("items"));

            beforeRecovery = (await _system.Models.RequestValidAsync(DevUser.Analyst, "swingchat recovery")).Id;
            var pending = await _notices.WaitForNoticesAsync(DevUser.Analyst, beforeRecovery, n => n.Count == 1 && n[0].Attempts >= 1, "a first failed attempt");
            Assert.Equal("PENDING", pending[0].MessengerState);

            await _notices.ClearFaultsAsync();

            var sent = await _notices.WaitForNoticesAsync(DevUser.Analyst, beforeRecovery, n => n.All(x => x.MessengerState == "SENT"), "the pending notice to be SENT");
            Assert.True(sent[0].Attempts >= 2, $"SENT after recovery on attempt {sent[0].Attempts}");
            var received = Assert.Single((await _notices.ReceivedAsync("swingchat", sent[0].Id)).Items("items"));
            Assert.Equal(1, received.Number("count"));
            Assert.Equal(stored[0].Title, (await _notices.NoticesAboutAsync(DevUser.Analyst, during))[0].Title);
            Assert.Equal("FAILED", (await _notices.NoticesAboutAsync(DevUser.Analyst, during))[0].MessengerState);
        }
        finally
        {
            await _notices.ClearFaultsAsync();
            foreach (var id in new[] { during, beforeRecovery }.OfType<string>())
            {
                await _system.Models.CancelQuietlyAsync(id);
            }
        }
    }
}
