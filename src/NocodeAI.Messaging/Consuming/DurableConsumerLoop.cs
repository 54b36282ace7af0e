using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace NocodeAI.Messaging;

/// <summary>
/// Binds a durable pull consumer and feeds its messages to a handler: one at a time (jobs), or as
/// batches of what is waiting (events). It pulls only after the previous message or batch is finished,
/// so a process never holds a message it is not working on (which would run down that message's ack
/// wait). Connection loss or a deleted consumer is logged and retried with backoff; the server
/// redelivers whatever was not acked.
/// </summary>
internal sealed class DurableConsumerLoop(INatsJSContext js, JetStreamTopology topology, ILogger logger)
{
    // A pull is not cancelled on the server when the client stops waiting for it: a message the server
    // sends to a pull nobody reads any more waits out its ack wait (30 s) before anyone else gets it. So
    // a pull is never abandoned: it is short, it is waited for even when stopping, and what it brings
    // after a stop is handed back at once (see NextUnabandonedAsync).
    private static readonly NatsJSNextOpts NextOpts = new() { Expires = TimeSpan.FromSeconds(1) };
    private static readonly TimeSpan PullGiveUp = TimeSpan.FromSeconds(10);

    public Task RunAsync(string stream, ConsumerConfig config, Func<INatsJSMsg<byte[]>, CancellationToken, Task> handle, CancellationToken stoppingToken) =>
        RunCoreAsync(stream, config, async (consumer, cancellationToken) =>
        {
            var msg = await NextUnabandonedAsync(consumer, cancellationToken);
            if (msg is null)
            {
                return false;
            }

            await handle(msg, cancellationToken);
            return true;
        }, stoppingToken);

    /// <summary>
    /// Waits for one message, then takes whatever else is already waiting, up to <paramref name="batchSize"/>
    /// in all, without waiting for more: a lone message is handled at once, a backlog in full batches.
    /// </summary>
    public Task RunBatchesAsync(string stream, ConsumerConfig config, int batchSize, Func<IReadOnlyList<INatsJSMsg<byte[]>>, CancellationToken, Task> handle, CancellationToken stoppingToken) =>
        RunCoreAsync(stream, config, async (consumer, cancellationToken) =>
        {
            var first = await NextUnabandonedAsync(consumer, cancellationToken);
            if (first is null)
            {
                return false;
            }

            var batch = new List<INatsJSMsg<byte[]>>(Math.Min(batchSize, 64)) { first };
            if (batchSize > 1)
            {
                await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = batchSize - 1 }, cancellationToken: cancellationToken))
                {
                    batch.Add(msg);
                }
            }

            await handle(batch, cancellationToken);
            return true;
        }, stoppingToken);

    /// <summary>
    /// The next message, or null when none came within the pull's expiry. The pull runs to its end even
    /// when <paramref name="stoppingToken"/> fires meanwhile (only a dead connection cuts it short), and a
    /// message that arrives after the stop is released for the next holder, then the stop is honoured.
    /// </summary>
    private static async Task<INatsJSMsg<byte[]>?> NextUnabandonedAsync(INatsJSConsumer consumer, CancellationToken stoppingToken)
    {
        stoppingToken.ThrowIfCancellationRequested();
        using var giveUp = new CancellationTokenSource(PullGiveUp);
        var msg = await consumer.NextAsync<byte[]>(opts: NextOpts, cancellationToken: giveUp.Token);
        if (stoppingToken.IsCancellationRequested)
        {
            if (msg is not null)
            {
                using var release = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await msg.NakAsync(cancellationToken: release.Token);
            }

            stoppingToken.ThrowIfCancellationRequested();
        }

        return msg;
    }

    /// <summary><paramref name="pull"/> handles what it took and says whether anything came.</summary>
    private async Task RunCoreAsync(string stream, ConsumerConfig config, Func<INatsJSConsumer, CancellationToken, Task<bool>> pull, CancellationToken stoppingToken)
    {
        await topology.WaitUntilProvisionedAsync(stoppingToken);
        var failures = 0;
        var emptyPulls = 0;
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
                    if (!await pull(consumer, stoppingToken) && ++emptyPulls % 10 == 0)
                    {
                        // Pulls to a deleted consumer go unanswered rather than failing; asking for
                        // it (every tenth empty pull) throws when it is gone, and the outer loop creates it again.
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
