using Microsoft.Extensions.Hosting;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace NocodeAI.Messaging;

internal sealed record EventObserverRegistration(string FilterSubject, TimeSpan DeliverFrom);

/// <summary>
/// Feeds an <see cref="IEventObserver"/> from an ephemeral consumer (no ack, in memory, deleted by the
/// server once this process is gone). Replays from <c>now - DeliverFrom</c> at start; after a
/// disconnect it resumes after the last stream sequence it saw. The client's ordered consumer is not
/// used because it sends a filter list, which the NATS 2.9 servers here ignore.
/// </summary>
internal sealed class EventObserverService<TObserver>(
    EventObserverRegistration registration,
    TObserver observer,
    INatsJSContext js,
    JetStreamTopology topology,
    JetStreamNames names,
    TimeProvider clock,
    ILogger<EventObserverService<TObserver>> logger) : BackgroundService
    where TObserver : IEventObserver
{
    private static readonly NatsJSFetchOpts FetchOpts = new() { MaxMsgs = 256, Expires = TimeSpan.FromSeconds(10) };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await topology.WaitUntilProvisionedAsync(stoppingToken);
        // TimeSpan.MaxValue (or anything reaching back before 1970) means the whole stream.
        var now = clock.GetUtcNow();
        DateTimeOffset? startTime = registration.DeliverFrom < now - DateTimeOffset.UnixEpoch ? now - registration.DeliverFrom : null;
        ulong lastSequence = 0;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var config = new ConsumerConfig
            {
                Name = $"observer-{typeof(TObserver).Name}-{Guid.NewGuid():N}",
                FilterSubject = names.ToWire(registration.FilterSubject),
                AckPolicy = ConsumerConfigAckPolicy.None,
                DeliverPolicy = (lastSequence, startTime) switch
                {
                    ( > 0, _) => ConsumerConfigDeliverPolicy.ByStartSequence,
                    (_, not null) => ConsumerConfigDeliverPolicy.ByStartTime,
                    _ => ConsumerConfigDeliverPolicy.All,
                },
                InactiveThreshold = TimeSpan.FromMinutes(1),
                MemStorage = true,
                NumReplicas = 1,
            };
            if (lastSequence > 0)
            {
                config.OptStartSeq = lastSequence + 1;
            }
            else if (startTime is { } since)
            {
                config.OptStartTime = since;
            }

            try
            {
                var consumer = await js.CreateOrUpdateConsumerAsync(topology.EventsStreamName, config, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    var received = 0;
                    await foreach (var msg in consumer.FetchAsync<byte[]>(FetchOpts, cancellationToken: stoppingToken))
                    {
                        received++;
                        failures = 0;
                        lastSequence = msg.Metadata?.Sequence.Stream ?? lastSequence;
                        await ObserveAsync(msg, stoppingToken);
                    }

                    if (received == 0)
                    {
                        // Pulls to a consumer that vanished (it lives in server memory, so a restart
                        // drops it) just go unanswered; asking for it throws when it is gone.
                        await consumer.RefreshAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                if (Backoff.ShouldLog(failures))
                {
                    logger.LogWarning("Observer {Observer} on {Filter} stopped (attempt {Attempt}), resuming: {Error}",
                        typeof(TObserver).Name, registration.FilterSubject, failures, ex.Message);
                }

                try
                {
                    await Backoff.DelayAsync(failures, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ObserveAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        try
        {
            await observer.ObserveAsync(EventEnvelope.Parse(msg.Data), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Observer {Observer} failed on {Subject}; skipping it", typeof(TObserver).Name, msg.Subject);
        }
    }
}
