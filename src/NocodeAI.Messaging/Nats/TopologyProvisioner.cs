using Microsoft.Extensions.Hosting;
using NATS.Client.JetStream;

namespace NocodeAI.Messaging;

/// <summary>
/// Creates or updates the streams when the host starts. It retries in the background rather than
/// failing start-up, so a service whose NATS is briefly away still starts, reports not-ready, and
/// catches up (its outbox keeps the events meanwhile).
/// </summary>
internal sealed class TopologyProvisioner(JetStreamTopology topology, INatsJSContext js, ILogger<TopologyProvisioner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await topology.ProvisionAsync(js, stoppingToken);
                logger.LogInformation("JetStream streams {Events}, {Jobs} and {DeadLetter} are provisioned",
                    topology.EventsStreamName, topology.JobsStreamName, topology.DeadLetterStreamName);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (Backoff.ShouldLog(attempt))
                {
                    logger.LogWarning("Cannot provision JetStream streams yet (attempt {Attempt}): {Error}", attempt, ex.Message);
                }

                await Backoff.DelayAsync(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), stoppingToken);
            }
        }
    }
}
