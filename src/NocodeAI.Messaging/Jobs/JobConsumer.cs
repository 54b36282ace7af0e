using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;

namespace NocodeAI.Messaging;

/// <summary>
/// Takes jobs of one type from the jobs stream, one at a time per process: all worker processes share
/// one durable consumer, so adding processes adds parallel jobs. While the handler runs, the job's ack
/// wait is extended every AckWait / 3; if the process dies the extensions stop and the server hands the
/// job to another worker after AckWait.
/// </summary>
internal sealed class JobConsumer<TJob, THandler>(
    IOptionsMonitor<JobConsumerOptions> optionsMonitor,
    IServiceScopeFactory scopes,
    INatsJSContext js,
    JetStreamTopology topology,
    JetStreamNames names,
    DeliveryFailures failures,
    MessagingMetrics metrics,
    ILogger<JobConsumer<TJob, THandler>> logger) : BackgroundService
    where TJob : IJob
    where THandler : IJobHandler<TJob>
{
    public static string ConsumerName => JobConsumers.NameOf<TJob>();

    private readonly JobConsumerOptions _options = optionsMonitor.Get(ConsumerName);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One durable per job type (not per queue): a work-queue stream needs its consumers' filters to be disjoint.
        var config = DurableConsumerLoop.DurableConfig(ConsumerName, names.ToWire(Subjects.ForJob<TJob>()), _options, _options.MaxAckPending);
        return new DurableConsumerLoop(js, topology, logger).RunAsync(topology.JobsStreamName, config, HandleAsync, stoppingToken);
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        EventEnvelope envelope;
        TJob job;
        try
        {
            envelope = EventEnvelope.Parse(msg.Data);
            job = envelope.GetData<TJob>();
        }
        catch (JsonException ex)
        {
            logger.LogError("Job consumer {Consumer} cannot read a message on {Subject}: {Error}", ConsumerName, msg.Subject, ex.Message);
            await failures.DeadLetterAsync(msg, ConsumerName, ex.Message, ex.GetType().FullName!, cancellationToken);
            return;
        }

        using var logScope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Consumer"] = ConsumerName,
            ["IntegrationEventId"] = envelope.Id,
            ["CorrelationId"] = envelope.CorrelationId,
        });

        var delivered = DeliveryFailures.DeliveryCount(msg);
        if (delivered > _options.MaxDeliver)
        {
            await failures.DeadLetterAsync(msg, ConsumerName, $"Delivered {delivered} times without an outcome; its workers may have died.", "DeliveryLimitExceeded", cancellationToken);
            return;
        }

        try
        {
            await RunAsync(msg, envelope, job, delivered, cancellationToken);
            await msg.AckAsync(cancellationToken: cancellationToken);
            metrics.RecordHandled(ConsumerName, "handled");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await failures.ReleaseAsync(msg);
            throw;
        }
        catch (Exception ex)
        {
            await failures.RetryOrDeadLetterAsync(msg, ConsumerName, _options, ex, cancellationToken);
        }
    }

    private async Task RunAsync(INatsJSMsg<byte[]> msg, EventEnvelope envelope, TJob job, long delivered, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MessageContext>().BeginHandling(envelope);
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        var context = new JobContext(envelope, (int)delivered, ct => msg.AckProgressAsync(cancellationToken: ct).AsTask());

        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepAlive = KeepAliveAsync(msg, running.Token);
        try
        {
            await handler.HandleAsync(job, context, cancellationToken);
        }
        finally
        {
            await running.CancelAsync();
            await keepAlive;
        }
    }

    private async Task KeepAliveAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        var interval = _options.AckWait / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                try
                {
                    await msg.AckProgressAsync(cancellationToken: cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep going: a short disconnect must not end the extensions for good.
                    logger.LogDebug("Could not extend the ack wait of {Subject}: {Error}", msg.Subject, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The handler finished or the host is stopping.
        }
    }
}

/// <summary>Names of the durable job consumers (one per job type), e.g. for the owner of their dead letters.</summary>
public static class JobConsumers
{
    public static string NameOf<TJob>()
        where TJob : IJob => $"{TJob.Queue}-{Subjects.TypeName(typeof(TJob))}";
}
