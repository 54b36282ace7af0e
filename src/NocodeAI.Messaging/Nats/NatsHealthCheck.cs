using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace NocodeAI.Messaging;

/// <summary>Ready when the server answers a ping and the streams exist; before that the service cannot publish or consume.</summary>
internal sealed class NatsHealthCheck(INatsConnection connection, JetStreamTopology topology) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            var rtt = await connection.PingAsync(timeout.Token);
            return topology.IsProvisioned
                ? HealthCheckResult.Healthy($"NATS round trip {rtt.TotalMilliseconds:F0} ms.")
                : HealthCheckResult.Unhealthy("NATS answers but the JetStream streams are not provisioned yet.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("NATS is unreachable.", ex);
        }
    }
}
