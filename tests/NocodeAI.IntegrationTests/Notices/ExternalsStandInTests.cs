using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace NocodeAI.IntegrationTests.Notices;

/// <summary>
/// The SwingChat and MIDAS stand-in (README "External stand-ins"): both HTTP contracts, idempotency
/// keys, the record of what was received, and fault injection. Every test uses its own keys and
/// clears the faults it set.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class ExternalsStandInTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "dev-token";

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _admin = new(system);

    private static Uri Url(string path) => new(NoticesApi.ExternalsUrl, path);

    public Task InitializeAsync() => _admin.EnsureReadyAsync();

    public Task DisposeAsync() => _admin.ClearFaultsAsync();

    [Fact]
    public async Task SwingChat_accepts_a_message_once_per_idempotency_key_and_records_it()
    {
        var key = Guid.NewGuid().ToString();

        using var first = await SendMessageAsync(key, Token, new { recipient = "swingchat:analyst", title = "제목", body = "본문" });
        using var again = await SendMessageAsync(key, Token, new { recipient = "swingchat:analyst", title = "제목", body = "본문" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var one = await first.Content.ReadFromJsonAsync<JsonElement>();
        var two = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(one.RequiredText("messageId"), two.RequiredText("messageId"));
        Assert.Equal("false", one.RequiredText("duplicate"));
        Assert.Equal("true", two.RequiredText("duplicate"));
        var entry = Assert.Single((await _admin.ReceivedAsync("swingchat", key)).Items("items"));
        Assert.Equal(2, entry.Number("count"));
        Assert.Equal("본문", entry.RequiredText("payload.body"));
    }

    [Fact]
    public async Task SwingChat_refuses_a_wrong_token_a_missing_key_and_an_incomplete_message()
    {
        var message = new { recipient = "swingchat:analyst", title = "t", body = "b" };

        using var wrongToken = await SendMessageAsync(Guid.NewGuid().ToString(), "wrong", message);
        using var noKey = await SendMessageAsync(null, Token, message);
        using var noBody = await SendMessageAsync(Guid.NewGuid().ToString(), Token, new { recipient = "swingchat:analyst", title = "t" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }

    [Fact]
    public async Task Faults_fail_the_next_calls_add_latency_and_take_a_system_down_until_cleared()
    {
        await _admin.SetFaultAsync("swingchat", failNext: 2, latencyMs: 300);
        var message = new { recipient = "swingchat:analyst", title = "t", body = "b" };
        var key = Guid.NewGuid().ToString();

        var stopwatch = Stopwatch.StartNew();
        using var firstFailure = await SendMessageAsync(key, Token, message);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(280), $"latency not applied ({stopwatch.ElapsedMilliseconds} ms)");
        using var secondFailure = await SendMessageAsync(key, Token, message);
        using var success = await SendMessageAsync(key, Token, message);

        Assert.Equal(HttpStatusCode.InternalServerError, firstFailure.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, secondFailure.StatusCode);
        Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        Assert.Equal(1, Assert.Single((await _admin.ReceivedAsync("swingchat", key)).Items("items")).Number("count"));

        await _admin.SetFaultAsync("midas", down: true);
        using var down = await SubmitJobAsync(Guid.NewGuid().ToString(), Job(3));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        await _admin.SetFaultAsync("swingchat", failureRate: 1);
        using var rate = await SendMessageAsync(Guid.NewGuid().ToString(), Token, message);
        Assert.Equal(HttpStatusCode.InternalServerError, rate.StatusCode);

        await _admin.ClearFaultsAsync();
        using var up = await SubmitJobAsync(Guid.NewGuid().ToString(), Job(3));
        Assert.Equal(HttpStatusCode.Accepted, up.StatusCode);
        using var bad = await _system.Http.PostAsJsonAsync(Url("/_admin/faults"), new { system = "nope", down = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task MIDAS_runs_a_bulk_job_once_per_idempotency_key_and_reports_its_delivery()
    {
        var key = Guid.NewGuid().ToString();
        var job = Job(250, withBadPhone: true);

        using var submitted = await SubmitJobAsync(key, job);
        using var repeated = await SubmitJobAsync(key, job);
        using var reused = await SubmitJobAsync(key, Job(5));
        using var noKey = await SubmitJobAsync(null, job);
        using var tooMany = await SubmitJobAsync(Guid.NewGuid().ToString(), Job(1_001));

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var accepted = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(250, accepted.Number("accepted"));
        var jobId = accepted.RequiredText("jobId");
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(jobId, (await repeated.Content.ReadFromJsonAsync<JsonElement>()).RequiredText("jobId"));
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);

        JsonElement status = default;
        await NoticesApi.EventuallyAsync(async () =>
        {
            status = await GetJobAsync(jobId);
            return status.RequiredText("state") == "DONE";
        }, TimeSpan.FromSeconds(30), $"job {jobId} to be DONE");
        Assert.Equal(249, status.Number("sent"));
        Assert.Equal(1, status.Number("failed"));
        var entry = Assert.Single((await _admin.ReceivedAsync("midas", key)).Items("items"));
        Assert.Equal(2, entry.Number("count"));
        Assert.Equal(jobId, entry.RequiredText("reference"));

        using var unknown = await AuthorizedAsync(HttpMethod.Get, "/midas/v1/bulk-jobs/midas-unknown", null, null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static object Job(int recipients, bool withBadPhone = false) => new
    {
        campaignName = "it campaign",
        message = "가입 혜택 안내",
        recipients = Enumerable.Range(0, recipients)
            .Select(i => new { customerId = $"C{i:D6}", phone = withBadPhone && i == 0 ? "not-a-phone" : "010-0000-0000" })
            .ToList(),
    };

    private Task<HttpResponseMessage> SendMessageAsync(string? key, string token, object message) =>
        AuthorizedAsync(HttpMethod.Post, "/swingchat/messages", key, JsonContent.Create(message), token);

    private Task<HttpResponseMessage> SubmitJobAsync(string? key, object job) =>
        AuthorizedAsync(HttpMethod.Post, "/midas/v1/bulk-jobs", key, JsonContent.Create(job));

    private async Task<JsonElement> GetJobAsync(string jobId)
    {
        using var response = await AuthorizedAsync(HttpMethod.Get, $"/midas/v1/bulk-jobs/{jobId}", null, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> AuthorizedAsync(HttpMethod method, string path, string? key, HttpContent? content, string token = Token)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _system.Http.SendAsync(request);
    }
}
