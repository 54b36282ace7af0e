using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Realtime;

/// <summary>A subscription lives as long as the token it was started with.</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class TokenExpiryTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);

    [Fact]
    public async Task A_subscription_whose_token_expires_ends_with_UNAUTHENTICATED_reason_expired()
    {
        // The analyst's own token, made to run out in four seconds and signed again with the development key.
        var shortLived = TestTokens.Resign(TestTokens.WithPayload(await _system.TokenAsync(DevUser.Analyst), payload =>
            payload["exp"] = DateTimeOffset.UtcNow.AddSeconds(4).ToUnixTimeSeconds()));
        var before = await NocodeSystem.SubscriptionsWentLiveAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, shortLived);
        await using var stream = await socket.SubscribeAsync("subscription { modelRequestChanged { id state } }");
        await NocodeSystem.WaitForSubscriptionsWentLiveAsync(before + 1, TimeSpan.FromSeconds(20));

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        GraphQLResult? ending = null;
        await foreach (var result in stream.ReadAllAsync(bound.Token))
        {
            if (result.HasErrors)
            {
                ending = result;
                break;
            }
        }

        Assert.NotNull(ending);
        Assert.Equal("UNAUTHENTICATED", ending.ErrorCode());
        Assert.Equal("expired", ending.ErrorExtension("reason"));
    }
}
