using System.Threading.Channels;
using NocodeAI.Messaging;
using NocodeAI.Training.Contracts;

namespace NocodeAI.Training.Jobs;

/// <summary>
/// Publishes what one attempt of one job does, in order, straight to JetStream (the worker has no
/// database, so no outbox). Event ids are derived from (request, attempt, sequence), so a re-publish
/// after a crash between publish and ack is dropped by the server's duplicate window and the inbox.
/// Progress is queued and sent by one writer so reports never overtake each other.
/// </summary>
public sealed class TrainingReporter : IAsyncDisposable
{
    private readonly IEventPublisher _publisher;
    private readonly MessageContext _context;
    private readonly Guid _modelRequestId;
    private readonly string _workerId;
    private readonly int _attempt;
    private readonly Channel<TrainingEvent> _queue = Channel.CreateUnbounded<TrainingEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _sequence;

    public TrainingReporter(IEventPublisher publisher, EventEnvelope job, Guid modelRequestId, string workerId, int attempt)
    {
        _publisher = publisher;
        _context = MessageContext.CausedBy(job);
        _modelRequestId = modelRequestId;
        _workerId = workerId;
        _attempt = attempt;
        _writer = Task.Run(WriteAsync);
    }

    public Task StartedAsync(CancellationToken cancellationToken) =>
        SendAsync(new TrainingStarted(_modelRequestId, _workerId, _attempt), cancellationToken);

    /// <summary>Queues a progress report; it is sent in order without blocking the training thread.</summary>
    public void Progressed(TrainingStage stage, double progress, string? candidate) =>
        _queue.Writer.TryWrite(new TrainingProgressed(_modelRequestId, _workerId, _attempt, stage, progress, candidate));

    public Task CompletedAsync(ModelMetrics metrics, string artifactId, CancellationToken cancellationToken) =>
        SendAsync(new TrainingCompleted(_modelRequestId, _workerId, _attempt, metrics, artifactId), cancellationToken);

    public Task FailedAsync(string reason, CancellationToken cancellationToken) =>
        SendAsync(new TrainingFailed(_modelRequestId, _workerId, _attempt, reason), cancellationToken);

    public Task CanceledAsync(CancellationToken cancellationToken) =>
        SendAsync(new TrainingCanceled(_modelRequestId, _workerId, _attempt), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    /// <summary>Final reports wait for every queued progress report first, then go out themselves.</summary>
    private async Task SendAsync(TrainingEvent @event, CancellationToken cancellationToken)
    {
        if (@event is not TrainingStarted)
        {
            _queue.Writer.TryComplete();
            await _writer;
        }

        await PublishAsync(@event, cancellationToken);
    }

    private async Task WriteAsync()
    {
        await foreach (var progress in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await PublishAsync(progress, CancellationToken.None);
            }
            catch (EventPublishException)
            {
                // Progress is advisory: a lost report is superseded by the next one or the final state.
            }
        }
    }

    private Task<PublishReceipt> PublishAsync(TrainingEvent @event, CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var id = EventEnvelope.DeterministicId($"training:{_modelRequestId}:{_attempt}:{sequence}:{@event.GetType().Name}");
        return _publisher.PublishEventAsync(@event, _modelRequestId.ToString(), (_attempt * 100_000L) + sequence, _context, id, cancellationToken);
    }
}
