using NocodeAI.Messaging;
using NocodeAI.Models.ModelRequests;
using NocodeAI.Training.Contracts;

namespace NocodeAI.Models.IntegrationEvents.EventHandling;

// One handler per training event: each applies one guarded transition of the aggregate. Stale or
// duplicated reports change nothing (the aggregate ignores them; the inbox drops exact duplicates). A
// report that arrives late (after a newer progress report, after completion or a cancel) is stale too:
// the state, the attempt and, for progress, the report's version decide.

public sealed class TrainingStartedHandler(ModelRequestService models, TimeProvider clock) : IIntegrationEventHandler<TrainingStarted>
{
    public Task HandleAsync(TrainingStarted @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        models.ApplyAsync(@event.ModelRequestId, r => r.StartTraining(@event.Attempt, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class TrainingProgressedHandler(ModelRequestService models, TimeProvider clock) : IIntegrationEventHandler<TrainingProgressed>
{
    public Task HandleAsync(TrainingProgressed @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        models.ApplyAsync(@event.ModelRequestId, r => r.ReportProgress(@event.Attempt, envelope.AggregateVersion, @event.Stage, @event.Progress, @event.Candidate, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class TrainingCompletedHandler(ModelRequestService models, TimeProvider clock) : IIntegrationEventHandler<TrainingCompleted>
{
    public Task HandleAsync(TrainingCompleted @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        models.ApplyAsync(@event.ModelRequestId, r => r.Complete(@event.Metrics, @event.ArtifactId, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class TrainingFailedHandler(ModelRequestService models, TimeProvider clock) : IIntegrationEventHandler<TrainingFailed>
{
    public Task HandleAsync(TrainingFailed @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        models.ApplyAsync(@event.ModelRequestId, r => r.Fail(@event.Reason, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class TrainingCanceledHandler(ModelRequestService models, TimeProvider clock) : IIntegrationEventHandler<TrainingCanceled>
{
    public Task HandleAsync(TrainingCanceled @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        models.ApplyAsync(@event.ModelRequestId, r => r.ConfirmCanceled(clock.GetUtcNow().UtcDateTime), cancellationToken);
}
