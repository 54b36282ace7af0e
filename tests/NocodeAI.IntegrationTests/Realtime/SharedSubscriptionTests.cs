using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Realtime;

/// <summary>
/// The gateway shares one subgraph stream among identical subscriptions (same operation, variables
/// and identity), gives every client each event, and frees the shared stream when the last client
/// leaves. Observed through the gateway's counters of subscriptions gone live and subgraph streams
/// opened (counters: earlier tests' streams still closing cannot blur them) and its gauge of streams held.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class SharedSubscriptionTests(NocodeSystem system, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly NocodeSystem _system = system.Attach(output);

    [Fact]
    public async Task Identical_subscriptions_share_one_subgraph_stream_every_client_gets_the_change_and_the_last_to_leave_frees_it()
    {
        var api = new ModelRequestsApi(_system);
        var request = await api.RequestValidAsync(DevUser.Analyst, "shared stream");
        var token = await _system.TokenAsync(DevUser.Analyst);
        var liveBefore = await NocodeSystem.SubscriptionsWentLiveAsync();
        var openedBefore = await NocodeSystem.UpstreamsOpenedAsync();

        var sockets = new List<GraphQLWebSocketClient>();
        var feeds = new List<ModelRequestFeed>();
        long heldWhileOpen;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var socket = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, token);
                sockets.Add(socket);
                feeds.Add(ModelRequestFeed.Start(await socket.SubscribeAsync(ModelRequestsApi.ChangedSubscription, new { id = request.Id })));
            }

            await NocodeSystem.WaitForSubscriptionsWentLiveAsync(liveBefore + 3, Bound);
            Assert.Equal(openedBefore + 1, await NocodeSystem.UpstreamsOpenedAsync());
            heldWhileOpen = await NocodeSystem.UpstreamsHeldAsync();

            (await api.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();
            foreach (var feed in feeds)
            {
                await feed.WaitForStateAsync("APPROVED", Bound);
            }
        }
        finally
        {
            foreach (var feed in feeds) await feed.DisposeAsync();
            foreach (var socket in sockets) await socket.DisposeAsync();
            await api.CancelAsync(DevUser.Analyst, request.Id);
        }

        await EventuallyAsync(async () => await NocodeSystem.UpstreamsHeldAsync() < heldWhileOpen, "the shared subgraph stream closed after the last client left");
    }

    [Fact]
    public async Task Subscriptions_with_different_identities_do_not_share_a_stream()
    {
        var api = new ModelRequestsApi(_system);
        var request = await api.RequestValidAsync(DevUser.Analyst, "separate streams");
        var liveBefore = await NocodeSystem.SubscriptionsWentLiveAsync();
        var openedBefore = await NocodeSystem.UpstreamsOpenedAsync();
        await using var analyst = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, await _system.TokenAsync(DevUser.Analyst));
        await using var admin = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, await _system.TokenAsync(DevUser.Admin));
        try
        {
            await using var first = ModelRequestFeed.Start(await analyst.SubscribeAsync(ModelRequestsApi.ChangedSubscription, new { id = request.Id }));
            await using var second = ModelRequestFeed.Start(await admin.SubscribeAsync(ModelRequestsApi.ChangedSubscription, new { id = request.Id }));

            await NocodeSystem.WaitForSubscriptionsWentLiveAsync(liveBefore + 2, Bound);
            Assert.Equal(openedBefore + 2, await NocodeSystem.UpstreamsOpenedAsync());
        }
        finally
        {
            await api.CancelAsync(DevUser.Analyst, request.Id);
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
