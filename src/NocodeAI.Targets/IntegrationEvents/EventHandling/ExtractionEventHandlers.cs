using NocodeAI.Messaging;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.IntegrationEvents.EventHandling;

// One handler per extraction-worker event: each applies one guarded transition of the aggregate. Stale or
// duplicated reports, and reports about a request cancelled meanwhile, change nothing. A report applied
// after a newer one (out of order across batches or replicas) is stale too: the state and the attempt
// decide, for extraction progress also the report's version, for a MIDAS retry its call count.

public sealed class ExtractionStartedHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<ExtractionStarted>
{
    public Task HandleAsync(ExtractionStarted @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        targets.ApplyAsync(@event.TargetRequestId, r => r.StartExtraction(@event.Attempt, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class ExtractionProgressedHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<ExtractionProgressed>
{
    public Task HandleAsync(ExtractionProgressed @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        targets.UpdateAsync(@event.TargetRequestId, r => r.ReportProgress(@event.Attempt, envelope.AggregateVersion, @event.Scored, @event.Population, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class TargetsExtractedHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<TargetsExtracted>
{
    public async Task HandleAsync(TargetsExtracted @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var applied = await targets.ApplyAsync(@event.TargetRequestId, r => r.Extracted(@event.TargetCount, @event.Summary, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (!applied)
        {
            // Cancelled (or otherwise moved on) while the worker wrote the list: nobody will send it.
            await targets.DropMembersIfFinalAsync(@event.TargetRequestId, cancellationToken);
        }
    }
}

public sealed class ExtractionFailedHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<ExtractionFailed>
{
    public Task HandleAsync(ExtractionFailed @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        targets.ApplyAsync(@event.TargetRequestId, r => r.FailExtraction(@event.Reason, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class DispatchStartedHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<DispatchStarted>
{
    public Task HandleAsync(DispatchStarted @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        targets.ApplyAsync(@event.TargetRequestId, r => r.StartDispatch(clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class DispatchRetryingHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<DispatchRetrying>
{
    public Task HandleAsync(DispatchRetrying @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        targets.UpdateAsync(@event.TargetRequestId, r => r.DispatchRetrying(@event.Attempts, @event.LastError, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class DispatchCompletedHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<DispatchCompleted>
{
    public Task HandleAsync(DispatchCompleted @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        targets.ApplyAsync(@event.TargetRequestId, r => r.CompleteDispatch(@event.MidasJobIds, @event.Sent, @event.Failed, @event.Attempts, clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class DispatchFailedHandler(TargetRequestService targets, TimeProvider clock) : IIntegrationEventHandler<DispatchFailed>
{
    public Task HandleAsync(DispatchFailed @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        targets.ApplyAsync(@event.TargetRequestId, r => r.FailDispatch(@event.Reason, @event.Attempts, clock.GetUtcNow().UtcDateTime), cancellationToken);
}
