using System.Diagnostics;
using System.Net.Http.Json;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Notices;

/// <summary>A notice as <c>notices</c> returns it through the gateway.</summary>
public sealed record NoticeSeen(string Id, string Recipient, string Kind, string SubjectType, string SubjectId, string Title, string Body, string? ReadAt, string MessengerState, int Attempts, string? LastError)
{
    public static NoticeSeen From(JsonElement node) => new(
        node.RequiredText("id"),
        node.RequiredText("recipient"),
        node.RequiredText("kind"),
        node.RequiredText("subjectType"),
        node.RequiredText("subjectId"),
        node.RequiredText("title"),
        node.RequiredText("body"),
        node.Text("readAt"),
        node.RequiredText("messenger.state"),
        (int)(node.Number("messenger.attempts") ?? 0),
        node.Text("messenger.lastError"));
}

/// <summary>
/// The notices subgraph (SPEC §4) through the gateway, and the SwingChat/MIDAS stand-in's admin API
/// (README "External stand-ins"), as the notice tests use them.
/// </summary>
public sealed class NoticesApi(NocodeSystem system)
{
    public const string NoticeFields = "id recipient kind subjectType subjectId title body createdAt readAt messenger { state attempts lastError }";
    public const string MyRequestFields = "id kind name state progress updatedAt";

    public static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(60);

    public static Uri NoticesUrl => Url("NOCODE_NOTICES_URL", "http://127.0.0.1:5104");

    public static Uri ExternalsUrl => Url("NOCODE_EXTERNALS_URL", "http://127.0.0.1:5120");

    /// <summary>NocodeSystem does not wait for the notices service and the stand-in; the notice tests do.</summary>
    public async Task EnsureReadyAsync()
    {
        foreach (var url in new[] { NoticesUrl, ExternalsUrl })
        {
            await EventuallyAsync(async () =>
            {
                using var response = await system.Http.GetAsync(new Uri(url, "/health/ready"));
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromMinutes(2), $"{url} to be ready (is it in NocodeAI.sln and started by ./nocode up?)");
        }
    }

    /// <summary>The user's newest notices (up to 100).</summary>
    public async Task<IReadOnlyList<NoticeSeen>> NoticesAsync(DevUser user, bool unreadOnly = false)
    {
        var result = await (await system.ClientAsync(user)).SendAsync(
            $"query($unread: Boolean) {{ notices(first: 100, unreadOnly: $unread) {{ edges {{ node {{ {NoticeFields} }} }} }} }}", new { unread = unreadOnly });
        return result.EnsureSuccess().Field("notices").Items("edges").Select(e => NoticeSeen.From(e.Path("node")!.Value)).ToList();
    }

    public async Task<IReadOnlyList<NoticeSeen>> NoticesAboutAsync(DevUser user, string subjectId) =>
        (await NoticesAsync(user)).Where(n => n.SubjectId == subjectId).Reverse().ToList();

    /// <summary>Waits until the user's notices about <paramref name="subjectId"/> satisfy <paramref name="done"/>; returns them oldest first.</summary>
    public async Task<IReadOnlyList<NoticeSeen>> WaitForNoticesAsync(DevUser user, string subjectId, Func<IReadOnlyList<NoticeSeen>, bool> done, string what, TimeSpan? timeout = null)
    {
        IReadOnlyList<NoticeSeen> notices = [];
        await EventuallyAsync(async () => done(notices = await NoticesAboutAsync(user, subjectId)), timeout ?? NoticeTimeout,
            $"{what} (notices of {user} about {subjectId}: {string.Join(", ", notices.Select(n => $"{n.Kind}/{n.MessengerState}/{n.Attempts}"))})");
        return notices;
    }

    public async Task<IReadOnlyList<JsonElement>> MyRequestsAsync(DevUser user, string? kind = null)
    {
        var result = await (await system.ClientAsync(user)).SendAsync(
            $"query($kind: SubjectType) {{ myRequests(kind: $kind, first: 100) {{ totalCount edges {{ node {{ {MyRequestFields} }} }} }} }}", new { kind });
        return result.EnsureSuccess().Field("myRequests").Items("edges").Select(e => e.Path("node")!.Value).ToList();
    }

    public async Task<JsonElement> WaitForMyRequestAsync(DevUser user, string id, string state)
    {
        JsonElement? found = null;
        await EventuallyAsync(async () =>
        {
            found = (await MyRequestsAsync(user)).FirstOrDefault(r => r.RequiredText("id") == id);
            return found?.Text("state") == state;
        }, NoticeTimeout, $"myRequests to show {id} {state} (it shows {found?.GetRawText() ?? "nothing"})");
        return found!.Value;
    }

    /// <summary>Open subscription streams on the notices subgraph (its <c>nocode_subscriptions_active</c> gauge).</summary>
    public async Task<long> ActiveSubscriptionsAsync()
    {
        var metrics = await system.Http.GetStringAsync(new Uri(NoticesUrl, "/metrics"));
        var match = System.Text.RegularExpressions.Regex.Match(metrics,
            @"^nocode_subscriptions_active(?:\{[^}]*\})? (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// graphql-transport-ws acknowledges no subscribe: this waits until the notices subgraph holds one
    /// more stream than <paramref name="before"/>, i.e. the gateway's upstream subscription is live.
    /// </summary>
    public Task WaitForSubscriptionAsync(long before) =>
        EventuallyAsync(async () => await ActiveSubscriptionsAsync() > before, TimeSpan.FromSeconds(20), "the subscription to reach the notices subgraph");

    /// <summary><c>POST /_admin/faults</c> on the stand-in.</summary>
    public async Task SetFaultAsync(string externalSystem, bool down = false, int failNext = 0, double failureRate = 0, int latencyMs = 0)
    {
        using var response = await system.Http.PostAsJsonAsync(new Uri(ExternalsUrl, "/_admin/faults"),
            new { system = externalSystem, down, failNext, failureRate, latencyMs });
        Assert.True(response.IsSuccessStatusCode, $"POST /_admin/faults answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary><c>DELETE /_admin/faults</c>: every stand-in works normally again.</summary>
    public async Task ClearFaultsAsync()
    {
        using var response = await system.Http.DeleteAsync(new Uri(ExternalsUrl, "/_admin/faults"));
        Assert.True(response.IsSuccessStatusCode, $"DELETE /_admin/faults answered {(int)response.StatusCode}");
    }

    /// <summary><c>GET /_admin/received?system=…&amp;key=…</c>: what the stand-in accepted.</summary>
    public async Task<JsonElement> ReceivedAsync(string externalSystem, string? key = null)
    {
        var query = $"/_admin/received?system={externalSystem}" + (key is null ? string.Empty : $"&key={Uri.EscapeDataString(key)}");
        using var document = JsonDocument.Parse(await system.Http.GetStringAsync(new Uri(ExternalsUrl, query)));
        return document.RootElement.Clone();
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (stopwatch.Elapsed < timeout)
            {
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static Uri Url(string variable, string fallback) =>
        new(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured : fallback);
}
