using NocodeAI.Messaging;

namespace NocodeAI.Targets.Contracts;

/// <summary>
/// Every target event carries the request's identity and its state after the change, so a consumer
/// (the notices read model) can apply any event on its own without asking the targets service.
/// </summary>
public interface ITargetRequestEvent : IIntegrationEvent
{
    Guid TargetRequestId { get; }

    string Name { get; }

    string RequestedBy { get; }

    TargetState State { get; }

    /// <summary>Who caused the change: a user name, or "system" for the saga.</summary>
    string Actor { get; }

    DateTime OccurredAt { get; }
}

public abstract record TargetRequestEvent(Guid TargetRequestId, string Name, string RequestedBy, TargetState State, string Actor, DateTime OccurredAt)
    : ITargetRequestEvent
{
    public static string Context => "targets";
}

public sealed record TargetRequested(
    Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, Guid ModelRequestId, TargetCriteria Criteria, string Message)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.REQUESTED, Actor, OccurredAt);

public sealed record TargetApproved(Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.APPROVED, Actor, OccurredAt);

public sealed record TargetRejected(Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, string Reason)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.REJECTED, Actor, OccurredAt);

public sealed record TargetExtractionStarted(Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, int Attempt)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.EXTRACTING, Actor, OccurredAt);

/// <summary>The list is stored: <paramref name="TargetCount"/> members with <paramref name="Summary"/> (null when empty).</summary>
public sealed record TargetExtracted(Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, long TargetCount, ScoreSummary? Summary)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.EXTRACTED, Actor, OccurredAt);

public sealed record TargetDispatchStarted(Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.DISPATCHING, Actor, OccurredAt);

/// <summary>MIDAS accepted every chunk and reported its delivery result.</summary>
public sealed record TargetCompleted(
    Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, IReadOnlyList<string> MidasJobIds, long Sent, long Failed)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.COMPLETED, Actor, OccurredAt);

public sealed record TargetFailed(Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt, string Reason)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.FAILED, Actor, OccurredAt);

/// <summary>Cancelled before dispatch; the target list was dropped.</summary>
public sealed record TargetCanceled(Guid TargetRequestId, string Name, string RequestedBy, string Actor, DateTime OccurredAt)
    : TargetRequestEvent(TargetRequestId, Name, RequestedBy, TargetState.CANCELED, Actor, OccurredAt);

/// <summary>The work item the extraction worker takes once a target request is approved.</summary>
public sealed record ExtractTargets(Guid TargetRequestId, Guid ModelRequestId, string Name, TargetCriteria Criteria) : IJob
{
    public static string Queue => "extraction";
}

/// <summary>Sends an extracted list to MIDAS; queued when the list is stored.</summary>
public sealed record DispatchTargets(Guid TargetRequestId, string Name, string Message) : IJob
{
    public static string Queue => "extraction";
}
