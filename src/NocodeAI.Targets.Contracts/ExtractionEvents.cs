using NocodeAI.Messaging;

namespace NocodeAI.Targets.Contracts;

// What the extraction worker (the targets context's worker) reports about the jobs it runs, on
// nocode.extraction.*. The targets service applies each as a guarded transition.

public abstract record ExtractionEvent(Guid TargetRequestId, string WorkerId, int Attempt) : IIntegrationEvent
{
    public static string Context => "extraction";
}

public sealed record ExtractionStarted(Guid TargetRequestId, string WorkerId, int Attempt)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);

public sealed record ExtractionProgressed(Guid TargetRequestId, string WorkerId, int Attempt, long Scored, long Population)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);

/// <summary>The members are stored in target_members; <paramref name="Summary"/> is null for an empty list.</summary>
public sealed record TargetsExtracted(Guid TargetRequestId, string WorkerId, int Attempt, long TargetCount, ScoreSummary? Summary, long Scored, double ScoredPerSecond)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);

public sealed record ExtractionFailed(Guid TargetRequestId, string WorkerId, int Attempt, string Reason)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);

public sealed record DispatchStarted(Guid TargetRequestId, string WorkerId, int Attempt)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);

/// <summary>A MIDAS call failed and will be retried; <paramref name="Attempts"/> counts calls so far.</summary>
public sealed record DispatchRetrying(Guid TargetRequestId, string WorkerId, int Attempt, int Attempts, string LastError)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);

public sealed record DispatchCompleted(Guid TargetRequestId, string WorkerId, int Attempt, IReadOnlyList<string> MidasJobIds, long Sent, long Failed, int Attempts)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);

public sealed record DispatchFailed(Guid TargetRequestId, string WorkerId, int Attempt, string Reason, int Attempts)
    : ExtractionEvent(TargetRequestId, WorkerId, Attempt);
