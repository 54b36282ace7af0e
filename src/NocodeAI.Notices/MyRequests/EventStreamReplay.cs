using System.Runtime.CompilerServices;
using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NocodeAI.Messaging;

namespace NocodeAI.Notices.MyRequests;

/// <summary>
/// Reads the events stream on one subject filter from its first message up to what it holds when the
/// replay starts, in stream order, through an ephemeral consumer (no acks, in memory, dropped by the
/// server when idle), the mechanism of NocodeAI.Messaging's event observers. Nothing durable changes
/// on the server, so a replay never disturbs the live consumers.
/// </summary>
public sealed class EventStreamReplay(INatsJSContext js, JetStreamTopology topology, JetStreamNames names, ILogger<EventStreamReplay> logger)
{
    private static readonly NatsJSFetchOpts FetchOpts = new() { MaxMsgs = 512, Expires = TimeSpan.FromSeconds(5) };

    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string filterSubject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(filterSubject);
        var consumer = await CreateConsumerAsync(filterSubject, cancellationToken);
        if (consumer is null)
        {
            yield break;
        }

        // Everything the filter matches right now; what arrives later is the live consumers' business.
        var expected = consumer.Info.NumPending;
        ulong received = 0;
        try
        {
            while (received < expected)
            {
                var before = received;
                await foreach (var msg in consumer.FetchAsync<byte[]>(FetchOpts, cancellationToken: cancellationToken))
                {
                    received++;
                    EventEnvelope envelope;
                    try
                    {
                        envelope = EventEnvelope.Parse(msg.Data);
                    }
                    catch (JsonException ex)
                    {
                        logger.LogWarning("Replay skips stream sequence {Sequence} on {Subject}: not an envelope ({Error})",
                            msg.Metadata?.Sequence.Stream, msg.Subject, ex.Message);
                        continue;
                    }

                    yield return envelope;
                    if (received >= expected)
                    {
                        break;
                    }
                }

                if (received == before)
                {
                    throw new InvalidOperationException(
                        $"The replay of {filterSubject} stalled after {received} of {expected} events; the stream may have been purged meanwhile.");
                }
            }
        }
        finally
        {
            await DeleteConsumerAsync(consumer.Info.Name);
        }
    }

    /// <summary>
    /// The sequence of the oldest event the stream holds (the next one's, once all it held are gone; 0
    /// for a stream never written to or missing): above 1, events were discarded (the stream's size
    /// bound) and a replay is not the history.
    /// </summary>
    public async Task<ulong> FirstSequenceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await js.GetStreamAsync(topology.EventsStreamName, cancellationToken: cancellationToken)).Info.State.FirstSeq;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return 0;
        }
    }

    private async Task<INatsJSConsumer?> CreateConsumerAsync(string filterSubject, CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig
        {
            Name = $"replay-{Guid.NewGuid():N}",
            FilterSubject = names.ToWire(filterSubject),
            AckPolicy = ConsumerConfigAckPolicy.None,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            InactiveThreshold = TimeSpan.FromMinutes(1),
            MemStorage = true,
            NumReplicas = 1,
        };
        try
        {
            return await js.CreateOrUpdateConsumerAsync(topology.EventsStreamName, config, cancellationToken);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            logger.LogInformation("Stream {Stream} does not exist yet: nothing to replay", topology.EventsStreamName);
            return null;
        }
    }

    private async Task DeleteConsumerAsync(string name)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await js.DeleteConsumerAsync(topology.EventsStreamName, name, timeout.Token);
        }
        catch (Exception ex)
        {
            // The server drops an idle ephemeral consumer by itself after its inactive threshold.
            logger.LogDebug("Could not delete replay consumer {Consumer}: {Error}", name, ex.Message);
        }
    }
}
