using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace NocodeAI.Messaging;

/// <summary>
/// Binds a durable pull consumer and feeds its messages, one at a time, to a handler. It pulls a single
/// message and only after the previous one is finished, so a process never holds a message it is not
/// working on (which would run down that message's ack wait). Connection loss or a deleted consumer is
/// logged and retried with backoff; the server redelivers whatever was not acked.
/// </summary>
internal sealed class DurableConsumerLoop(INatsJSContext js, JetStreamTopology topology, ILogger logger)
{
    private static readonly NatsJSNextOpts NextOpts = new() { Expires = TimeSpan.FromSeconds(10) };

    public async Task RunAsync(string stream, ConsumerConfig config, Func<INatsJSMsg<byte[]>, CancellationToken, Task> handle, CancellationToken stoppingToken)
    {
        await topology.WaitUntilProvisionedAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var consumer = await js.CreateOrUpdateConsumerAsync(stream, config, stoppingToken);
                if (failures > 0)
                {
                    logger.LogInformation("Consumer {Consumer} is bound again after {Attempts} failed attempts", config.DurableName, failures);
                    failures = 0;
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    var msg = await consumer.NextAsync<byte[]>(opts: NextOpts, cancellationToken: stoppingToken);
                    if (msg is not null)
                    {
                        await handle(msg, stoppingToken);
                    }
                    else
                    {
                        // Pulls to a deleted consumer go unanswered rather than failing; asking for
                        // it throws when it is gone, and the outer loop creates it again.
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
                    logger.LogWarning("Consumer {Consumer} on {Stream} stopped (attempt {Attempt}), binding again: {Error}",
                        config.DurableName, stream, failures, ex.Message);
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

    public static ConsumerConfig DurableConfig(string name, string filterSubject, ConsumerOptions options, int maxAckPending) => new()
    {
        Name = name,
        DurableName = name,
        FilterSubject = filterSubject,
        AckPolicy = ConsumerConfigAckPolicy.Explicit,
        DeliverPolicy = ConsumerConfigDeliverPolicy.All,
        AckWait = options.AckWait,
        MaxAckPending = maxAckPending,
        // Unlimited on the server: the consumer counts deliveries itself and dead-letters after
        // MaxDeliver. A server-side limit would silently drop a message whose worker died on the last try.
        MaxDeliver = -1,
    };
}
