using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Realtime;

/// <summary>
/// A subscriber that goes away must give back what it held: its SSE stream on the subgraph and its
/// Redis subscription. Observed through the subgraph's own gauge of open subscription streams.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class SubscriptionLifecycleTests(NocodeSystem system)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_subscriber_that_disconnects_releases_its_stream_and_its_Redis_subscription()
    {
        var models = NocodeSystem.ServiceUrl("models");
        var token = await system.TokenAsync(DevUser.Analyst);
        var before = await NocodeSystem.ActiveSubscriptionsAsync();

        var streams = new List<IGraphQLStream>();
        for (var i = 0; i < 3; i++)
        {
            streams.Add(await GraphQLSseClient.SubscribeAsync(system.StreamingHttp, new Uri(models, "/graphql"), token,
                "subscription { modelRequestChanged { id state } }"));
        }

        await WaitForAsync(models, before + 3, "three open subscriptions");

        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        await WaitForAsync(models, before, "every subscription released after the clients disconnected");
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("kill")]
    public async Task A_subgraph_that_goes_away_ends_its_subscribers_streams_with_an_error_not_a_silent_complete(string how)
    {
        var token = await system.TokenAsync(DevUser.Analyst);
        var before = await NocodeSystem.SubscriptionsWentLiveAsync();
        await using var stream = await GraphQLSseClient.SubscribeAsync(system.StreamingHttp, system.GatewayUrl, token,
            "subscription { modelRequestChanged { id state } }");
        try
        {
            // Let the gateway open its upstream stream before the subgraph goes away.
            await NocodeSystem.WaitForSubscriptionsWentLiveAsync(before + 1, Bound);

            if (how == "kill")
            {
                await system.KillAsync("models");
            }
            else
            {
                await system.StopAsync("models");
            }

            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            string? code = null;
            try
            {
                await foreach (var result in stream.ReadAllAsync(bound.Token))
                {
                    if (result.HasErrors)
                    {
                        code = result.ErrorCode();
                        break;
                    }
                }
            }
            catch (GraphQLStreamException ex)
            {
                code = ex.Message;
            }

            Assert.NotNull(code);
            Assert.Contains("SUBGRAPH_UNAVAILABLE", code, StringComparison.Ordinal);
        }
        finally
        {
            await system.EnsureRunningAsync("models");
        }
    }

    private static async Task WaitForAsync(Uri service, long expected, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        long actual;
        while ((actual = await NocodeSystem.ActiveSubscriptionsAsync()) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {expected} active subscriptions ({what}); the models service reports {actual}.");
            await Task.Delay(100);
        }
    }

}
