using System.Net;
using System.Text.Json;
using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Gateway;

/// <summary>Banana Cake Pop, served by the gateway itself to browsers, with nothing from elsewhere.</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class ExplorerTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);

    [Fact]
    public async Task A_browser_gets_Banana_Cake_Pop_from_the_gateway_with_its_licence_and_a_policy_that_keeps_it_local()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var visit = new HttpRequestMessage(HttpMethod.Get, _system.GatewayUrl);
        visit.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml");
        using var redirect = await http.SendAsync(visit);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/graphql/", redirect.Headers.Location?.OriginalString);

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(_system.GatewayUrl, "/graphql/"));
        page.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var index = await http.SendAsync(page);
        var html = await index.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("Banana Cake Pop", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var policy = string.Join(";", index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);

        var licence = await http.GetStringAsync(new Uri(_system.GatewayUrl, "/graphql/LICENSE"));
        Assert.Contains("ChilliCream License", licence, StringComparison.Ordinal);

        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(static/js/main[^\"]+)\"").Groups[1].Value;
        using var asset = await http.GetAsync(new Uri(_system.GatewayUrl, "/graphql/" + script));
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("javascript", asset.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_IDE_is_set_to_this_endpoint_with_graphql_transport_ws_and_opens_with_the_token_the_web_app_hands_it()
    {
        var token = await _system.TokenAsync(DevUser.Analyst);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_system.GatewayUrl, "/graphql/bcp-config.json"));
        request.Headers.TryAddWithoutValidation("Cookie", $"nocode_explorer_token={token}");
        using var response = await http.SendAsync(request);
        using var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(config.RootElement.GetProperty("useBrowserUrlAsEndpoint").GetBoolean());
        Assert.Equal("graphql-transport-ws", config.RootElement.GetProperty("subscriptionProtocol").GetString());
        Assert.True(config.RootElement.GetProperty("disableTelemetry").GetBoolean());
        Assert.Equal($"Bearer {token}", config.RootElement.GetProperty("httpHeaders").GetProperty("Authorization").GetString());

        var anonymous = JsonDocument.Parse(await http.GetStringAsync(new Uri(_system.GatewayUrl, "/graphql/bcp-config.json")));
        Assert.False(anonymous.RootElement.TryGetProperty("httpHeaders", out _));
    }
}
