using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.Extraction.Midas;

namespace NocodeAI.Targets.Tests;

/// <summary>The MIDAS client against a tiny in-test MIDAS that fails on demand.</summary>
public sealed class MidasBulkLmsClientTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _keys = new();
    private WebApplication? _app;
    private int _failNext;
    private bool _down;
    private bool _reject;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/midas/v1/bulk-jobs", (HttpRequest request) =>
        {
            if (_reject)
            {
                return Results.BadRequest(new { error = "message too long" });
            }

            if (_down || Interlocked.Decrement(ref _failNext) >= 0)
            {
                return Results.StatusCode(503);
            }

            var key = request.Headers["Idempotency-Key"].ToString();
            _keys.Enqueue(key);
            return Results.Json(new { jobId = "job-" + key, accepted = 2 });
        });
        _app.MapGet("/midas/v1/bulk-jobs/{jobId}", (string jobId) => Results.Json(new { jobId, state = "DONE", sent = 2, failed = 0 }));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private ServiceProvider? _services;

    /// <summary>The client as the worker registers it: the shared resilience handler does the retrying.</summary>
    private MidasBulkLmsClient Client()
    {
        var address = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.Configure<MidasOptions>(o =>
        {
            o.MaxAttempts = 5;
            o.InitialBackoff = TimeSpan.FromMilliseconds(10);
            o.MaxBackoff = TimeSpan.FromMilliseconds(50);
            o.RequestTimeout = TimeSpan.FromSeconds(5);
        });
        services.AddMidasClient(_ => address);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<MidasBulkLmsClient>();
    }

    private static readonly MidasBulkJobRequest Job = new("campaign", "hello", [new MidasRecipient("1"), new MidasRecipient("2")]);

    [Fact]
    public async Task Three_5xx_then_success_is_retried_and_sent_once_with_the_idempotency_key()
    {
        _failNext = 3;
        var retries = new List<int>();
        var client = Client();

        var accepted = await client.SubmitAsync("req:0", Job, (calls, _, _) => { retries.Add(calls); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal("job-req:0", accepted.JobId);
        Assert.Equal([1, 2, 3], retries);
        Assert.Equal(4, client.Calls);
        Assert.Equal(["req:0"], _keys);
        var status = await client.GetAsync(accepted.JobId, (_, _, _) => Task.CompletedTask, CancellationToken.None);
        Assert.True(status.IsDone);
        Assert.Equal(2, status.Sent);
    }

    [Fact]
    public async Task MIDAS_down_for_good_fails_after_the_configured_attempts()
    {
        _down = true;
        var client = Client();

        var error = await Assert.ThrowsAsync<MidasException>(() => client.SubmitAsync("req:0", Job, (_, _, _) => Task.CompletedTask, CancellationToken.None));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 5 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, client.Calls);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        _reject = true;
        var client = Client();

        var error = await Assert.ThrowsAsync<MidasException>(() =>
            client.SubmitAsync("req:0", Job, (_, _, _) => throw new InvalidOperationException("no retry expected"), CancellationToken.None));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gave up", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.Calls);
    }
}
