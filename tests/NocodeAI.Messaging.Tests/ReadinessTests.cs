using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NocodeAI.Messaging.Tests;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_follows_NATS_and_the_provisioned_streams()
    {
        using var nats = new ThrowawayNatsServer();
        await using var env = await TestEnvironment.CreateAsync();
        var host = env.BuildHost(s => s.AddHealthChecks(), natsUrl: nats.Url, withDatabase: false);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        Task<HealthStatus> StatusAsync() => health.CheckHealthAsync(c => c.Tags.Contains(NocodeAI.ServiceDefaults.ServiceDefaultsExtensions.ReadyTag))
            .ContinueWith(t => t.Result.Entries["nats"].Status, TaskScheduler.Default);

        await host.StartAsync();
        Assert.Equal(HealthStatus.Unhealthy, await StatusAsync());

        await nats.StartAsync();
        await Poll.UntilAsync(StatusAsync, s => s == HealthStatus.Healthy, TimeSpan.FromSeconds(30), "ready once NATS is up and the streams exist");

        nats.Kill();
        await Poll.UntilAsync(StatusAsync, s => s == HealthStatus.Unhealthy, TimeSpan.FromSeconds(10), "not ready once NATS is gone");
    }
}
