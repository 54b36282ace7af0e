using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace NocodeAI.Messaging;

/// <summary>
/// The three streams every service relies on. Provisioned idempotently at start-up by
/// <see cref="TopologyProvisioner"/>; consumers and the outbox relay wait for it so they never
/// publish into, or bind to, a stream that does not exist yet.
/// </summary>
public sealed class JetStreamTopology(JetStreamNames names, IOptions<NatsOptions> options)
{
    public const string EventsStream = "NOCODE_EVENTS";
    public const string JobsStream = "NOCODE_JOBS";
    public const string DeadLetterStream = "NOCODE_DEADLETTER";

    /// <summary>Within this window the stream drops a second publish with the same <c>Nats-Msg-Id</c>.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);

    private readonly TaskCompletionSource _provisioned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsProvisioned => _provisioned.Task.IsCompleted;

    public string EventsStreamName => names.Stream(EventsStream);

    public string JobsStreamName => names.Stream(JobsStream);

    public string DeadLetterStreamName => names.Stream(DeadLetterStream);

    public IReadOnlyList<StreamConfig> Streams()
    {
        var replicas = options.Value.Replicas;
        return
        [
            // Limits retention with no max age, bounded in size only: projections (notices, targets'
            // readiness) can be rebuilt by replaying from the first event for as long as the stream
            // still holds it; past the bound the oldest events go, and a rebuild then refuses.
            new StreamConfig(EventsStreamName, Subjects.EventContexts.Select(c => names.ToWire(Subjects.AllEventsOf(c))).ToArray())
            {
                Retention = StreamConfigRetention.Limits,
                Storage = StreamConfigStorage.File,
                MaxBytes = options.Value.EventsMaxBytes,
                Discard = StreamConfigDiscard.Old,
                DuplicateWindow = DuplicateWindow,
                NumReplicas = replicas,
            },
            // Work queue: a job is removed once a worker acks it, and each job goes to one worker. Not
            // bounded: discarding would lose jobs, and the queue empties as the workers take them.
            new StreamConfig(JobsStreamName, [names.ToWire(Subjects.JobsRoot + ".>")])
            {
                Retention = StreamConfigRetention.Workqueue,
                Storage = StreamConfigStorage.File,
                DuplicateWindow = DuplicateWindow,
                NumReplicas = replicas,
            },
            new StreamConfig(DeadLetterStreamName, [names.ToWire(Subjects.DeadLetterRoot + ".>")])
            {
                Retention = StreamConfigRetention.Limits,
                Storage = StreamConfigStorage.File,
                MaxBytes = options.Value.DeadLetterMaxBytes,
                Discard = StreamConfigDiscard.Old,
                DuplicateWindow = DuplicateWindow,
                NumReplicas = replicas,
            },
        ];
    }

    public async Task ProvisionAsync(INatsJSContext js, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(js);
        foreach (var stream in Streams())
        {
            await js.CreateOrUpdateStreamAsync(stream, cancellationToken);
        }

        _provisioned.TrySetResult();
    }

    public Task WaitUntilProvisionedAsync(CancellationToken cancellationToken) => _provisioned.Task.WaitAsync(cancellationToken);
}
