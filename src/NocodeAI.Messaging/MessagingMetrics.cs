using System.Diagnostics.Metrics;
using NocodeAI.ServiceDefaults;

namespace NocodeAI.Messaging;

/// <summary>Outbox and consumer instruments on the shared NocodeAI meter.</summary>
public sealed class MessagingMetrics
{
    public MessagingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ServiceDefaultsExtensions.MeterName);
        OutboxPending = meter.CreateGauge<long>("nocode.outbox.pending", "{message}", "Outbox rows not yet published.");
        OutboxPublished = meter.CreateCounter<long>("nocode.outbox.published", "{message}", "Outbox rows published to JetStream.");
        OutboxLag = meter.CreateHistogram<double>("nocode.outbox.publish_lag", "ms", "Time from enqueue to stream acknowledgement.");
        Handled = meter.CreateCounter<long>("nocode.messaging.handled", "{message}", "Messages a consumer finished, by outcome.");
    }

    public Gauge<long> OutboxPending { get; }

    public Counter<long> OutboxPublished { get; }

    public Histogram<double> OutboxLag { get; }

    /// <summary>Tags: consumer, outcome (handled, duplicate, skipped, retried, dead_lettered).</summary>
    public Counter<long> Handled { get; }

    internal void RecordHandled(string consumer, string outcome, long count = 1)
    {
        if (count > 0)
        {
            Handled.Add(count, new KeyValuePair<string, object?>("consumer", consumer), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
