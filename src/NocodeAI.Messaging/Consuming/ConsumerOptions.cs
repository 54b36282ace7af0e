using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Messaging;

/// <summary>
/// Delivery settings of a durable consumer. Defaults come from code; configuration section
/// <c>Nats:Consumers:&lt;consumer name&gt;</c> overrides them per environment.
/// </summary>
public class ConsumerOptions
{
    /// <summary>How long the server waits for an ack before redelivering (a crashed replica's message comes back after this).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries before a failing message is dead-lettered.</summary>
    [Range(1, 1000)]
    public int MaxDeliver { get; set; } = 5;

    /// <summary>Delay before the second delivery; doubles with each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class EventConsumerOptions : ConsumerOptions
{
    /// <summary>
    /// Most events handled in one transaction. A consumer takes what is waiting, up to this many, as soon
    /// as the first event is there: a lone event is handled at once, a backlog in batches. It is also the
    /// consumer's ack window on the server (max ack pending).
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How often a standby replica asks whether the consumer's lease is free (only one replica of a
    /// consumer handles events at a time, which keeps stream order across replicas).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LeaseRetryInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class JobConsumerOptions : ConsumerOptions
{
    /// <summary>
    /// Jobs in flight across the whole worker fleet. Each worker process takes one job at a time, so
    /// this only needs to exceed the number of worker processes.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxAckPending { get; set; } = 64;

    /// <summary>
    /// For jobs that need the database or NATS: eight deliveries, so retries back off 1 + 2 + … + 60 s
    /// (about two minutes) before the job is dead-lettered, which outlasts a restart of either. A job that
    /// fails for its own reasons is ended sooner by its handler, which reports it FAILED.
    /// </summary>
    public static void OutlastRestarts(JobConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MaxDeliver = 8;
    }
}
