using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NocodeAI.Notices.Tests.Service;

/// <summary>One call the fake received.</summary>
public sealed record SwingChatCall(string? IdempotencyKey, string? Authorization, string Body, int AnsweredStatus);

/// <summary>
/// A SwingChat webhook on a loopback port that answers whatever status the test sets (200 by default)
/// and records every call, so a test can take SwingChat down and bring it back.
/// </summary>
public sealed class FakeSwingChat : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile int _status = StatusCodes.Status200OK;

    private FakeSwingChat(WebApplication app) => _app = app;

    public ConcurrentQueue<SwingChatCall> Calls { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What every call is answered with from now on (e.g. 503 for an outage).</summary>
    public int Status
    {
        get => _status;
        set => _status = value;
    }

    public IReadOnlyList<SwingChatCall> CallsFor(Guid noticeId) => Calls.Where(c => c.IdempotencyKey == noticeId.ToString()).ToList();

    public static async Task<FakeSwingChat> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSwingChat(app);
        app.MapPost("/swingchat/messages", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = fake.Status;
            fake.Calls.Enqueue(new SwingChatCall(request.Headers["Idempotency-Key"].ToString(), request.Headers.Authorization.ToString(), body, status));
            return Results.Json(new { messageId = Guid.NewGuid() }, statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
