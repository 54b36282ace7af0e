namespace NocodeAI.Messaging;

/// <summary>
/// Handles one event type for a durable consumer. Resolved from a new DI scope per message; the
/// consumer has already opened a transaction on the service's DbContext and recorded the envelope in
/// the inbox, so the handler just does its work and commits through <see cref="UnitOfWork{TContext}"/>.
/// Throwing rolls everything back and the message is retried (then dead-lettered).
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent @event, EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>
/// Handles a run of events together: a projection that reads the rows of a whole batch in one query
/// and writes them in one save. The consumer hands it every consecutive event of a batch bound to it,
/// in stream order, each seen for the first time (the inbox has dropped redeliveries); alone, an event
/// comes as a list of one. Same transaction and failure rules as <see cref="IIntegrationEventHandler{TEvent}"/>:
/// throwing rolls the batch back and its events are retried one at a time, so the failing one is
/// isolated. Only for handlers that publish nothing: an outbox message names one event as its cause.
/// </summary>
public interface IIntegrationEventBatchHandler
{
    Task HandleAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken);
}

/// <summary>An event as read from the stream, with its envelope.</summary>
public sealed record ReceivedEvent(object Event, EventEnvelope Envelope);

/// <summary>
/// Sees every envelope on a subject filter from a point in time on, with no durable state on the
/// server and no acknowledgement: for in-memory replicas such as the training worker's set of
/// cancelled requests. Registered as a singleton; a failure is logged and the envelope skipped.
/// </summary>
public interface IEventObserver
{
    Task ObserveAsync(EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>Runs one job. Return to acknowledge it; throw to have it retried with backoff and finally dead-lettered.</summary>
public interface IJobHandler<in TJob>
    where TJob : IJob
{
    Task HandleAsync(TJob job, JobContext context, CancellationToken cancellationToken);
}

/// <summary>What a job handler knows about its delivery.</summary>
public sealed class JobContext(EventEnvelope envelope, int deliveryCount, Func<CancellationToken, Task> keepAlive)
{
    public EventEnvelope Envelope { get; } = envelope;

    /// <summary>1 on the first delivery; more after failures or after a worker died holding the job.</summary>
    public int DeliveryCount { get; } = deliveryCount;

    /// <summary>
    /// Tells the server the job is still being worked on (resets its ack wait). The consumer already
    /// does this every ack wait / 3 while the handler runs; call it only around a step that blocks the
    /// thread pool for longer than that.
    /// </summary>
    public Task KeepAliveAsync(CancellationToken cancellationToken = default) => keepAlive(cancellationToken);
}
