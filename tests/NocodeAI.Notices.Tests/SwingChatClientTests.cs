using System.Net;
using Microsoft.Extensions.Options;
using NocodeAI.Notices.Delivery;

namespace NocodeAI.Notices.Tests;

/// <summary>The SwingChat webhook call: headers, body, and which failures are worth retrying.</summary>
public sealed class SwingChatClientTests
{
    [Fact]
    public async Task A_message_carries_the_notice_id_as_idempotency_key_the_token_and_the_text()
    {
        var handler = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var id = Guid.NewGuid();

        var outcome = await Client(handler).SendAsync(id, "swingchat:analyst", "제목", "본문", CancellationToken.None);

        Assert.True(outcome.Delivered);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://swingchat.test/base/swingchat/messages", request.Uri);
        Assert.Equal(id.ToString(), request.IdempotencyKey);
        Assert.Equal("Bearer secret-token", request.Authorization);
        using var body = System.Text.Json.JsonDocument.Parse(request.Body);
        Assert.Equal("swingchat:analyst", body.RootElement.GetProperty("recipient").GetString());
        Assert.Equal("제목", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("본문", body.RootElement.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.RequestTimeout, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    public async Task An_error_status_is_retried_unless_SwingChat_will_never_accept_the_message(HttpStatusCode status, bool permanent)
    {
        var handler = new RecordingHandler(_ => new HttpResponseMessage(status) { Content = new StringContent("{\"error\":\"nope\"}") });

        var outcome = await Client(handler).SendAsync(Guid.NewGuid(), "r", "t", "b", CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.Equal(permanent, outcome.Permanent);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_SwingChat_is_retried()
    {
        var handler = new RecordingHandler(_ => throw new HttpRequestException("Connection refused"));

        var outcome = await Client(handler).SendAsync(Guid.NewGuid(), "r", "t", "b", CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.False(outcome.Permanent);
        Assert.Contains("Connection refused", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_times_out_is_retried()
    {
        var handler = new RecordingHandler(_ => throw new TaskCanceledException("timeout"));

        var outcome = await Client(handler).SendAsync(Guid.NewGuid(), "r", "t", "b", CancellationToken.None);

        Assert.False(outcome.Permanent);
        Assert.Contains("did not answer", outcome.Error, StringComparison.Ordinal);
    }

    private static SwingChatClient Client(HttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://swingchat.test/base/") },
            Options.Create(new SwingChatOptions { Token = "secret-token", TimeoutSeconds = 3 }));

    private sealed record SeenRequest(HttpMethod Method, string Uri, string? IdempotencyKey, string? Authorization, string Body);

    private sealed class RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new SeenRequest(
                request.Method,
                request.RequestUri!.ToString(),
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
                request.Headers.Authorization?.ToString(),
                request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken)));
            return respond(request);
        }
    }
}
