using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Realtime;

/// <summary>
/// The gateway shares one subgraph stream among identical subscriptions (same operation, variables
/// and identity), gives every client each event, and frees the shared stream when the last client
/// leaves. Observed through the subgraph's gauge of open streams and the gateway's gauge of live
/// client subscriptions.
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
        var upstreamBefore = await SettledAsync(() => NocodeSystem.ActiveSubscriptionsAsync());
        var liveBefore = await NocodeSystem.SettledLiveSubscriptionsAsync();

        var sockets = new List<GraphQLWebSocketClient>();
        var feeds = new List<ModelRequestFeed>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var socket = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, token);
                sockets.Add(socket);
                feeds.Add(ModelRequestFeed.Start(await socket.SubscribeAsync(ModelRequestsApi.ChangedSubscription, new { id = request.Id })));
            }

            await NocodeSystem.WaitForLiveSubscriptionsAsync(liveBefore + 3, Bound);
            Assert.Equal(upstreamBefore + 1, await NocodeSystem.ActiveSubscriptionsAsync());

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

        await EventuallyAsync(async () => await NocodeSystem.ActiveSubscriptionsAsync() == upstreamBefore, "the shared subgraph stream closed after the last client left");
        await EventuallyAsync(async () => await NocodeSystem.LiveSubscriptionsAsync() == liveBefore, "the gateway's live subscriptions back where they were");
    }

    [Fact]
    public async Task Subscriptions_with_different_identities_do_not_share_a_stream()
    {
        var api = new ModelRequestsApi(_system);
        var request = await api.RequestValidAsync(DevUser.Analyst, "separate streams");
        var upstreamBefore = await SettledAsync(() => NocodeSystem.ActiveSubscriptionsAsync());
        var liveBefore = await NocodeSystem.SettledLiveSubscriptionsAsync();
        await using var analyst = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, await _system.TokenAsync(DevUser.Analyst));
        await using var admin = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, await _system.TokenAsync(DevUser.Admin));
        try
        {
            await using var first = ModelRequestFeed.Start(await analyst.SubscribeAsync(ModelRequestsApi.ChangedSubscription, new { id = request.Id }));
            await using var second = ModelRequestFeed.Start(await admin.SubscribeAsync(ModelRequestsApi.ChangedSubscription, new { id = request.Id }));

            await NocodeSystem.WaitForLiveSubscriptionsAsync(liveBefore + 2, Bound);
            Assert.Equal(upstreamBefore + 2, await NocodeSystem.ActiveSubscriptionsAsync());
        }
        finally
        {
            await api.CancelAsync(DevUser.Analyst, request.Id);
        }
    }

    private static async Task<long> SettledAsync(Func<Task<long>> read)
    {
        var previous = await read();
        for (var i = 0; i < 25; i++)
        {
            await Task.Delay(200);
            var current = await read();
            if (current == previous) return current;
            previous = current;
        }

        return previous;
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
