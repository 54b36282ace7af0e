using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NocodeAI.Extraction.Midas;

namespace NocodeAI.Targets.Tests;

/// <summary>The MIDAS client against a tiny in-test MIDAS that fails on demand.</summary>
public sealed class MidasBulkLmsClientTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _keys = new();
    private WebApplication? _app;
    private int _failNext;
    private bool _down;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/midas/v1/bulk-jobs", (HttpRequest request) =>
        {
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
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private MidasBulkLmsClient Client()
    {
        var address = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var options = Microsoft.Extensions.Options.Options.Create(new MidasOptions
        {
            MaxAttempts = 5,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        return new MidasBulkLmsClient(new HttpClient { BaseAddress = new Uri(address + "/") }, options, TimeProvider.System, NullLogger<MidasBulkLmsClient>.Instance);
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
    public void Backoff_doubles_up_to_its_ceiling()
    {
        var options = new MidasOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(350) };
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.BackoffBefore(1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.BackoffBefore(2));
        Assert.Equal(TimeSpan.FromMilliseconds(350), options.BackoffBefore(3));
    }
}
