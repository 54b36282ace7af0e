using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Targets.TargetRequests;

/// <summary>
/// A request to extract customers with a trained model and send them a bulk LMS through MIDAS, and its
/// saga state (SPEC §5). Every transition is a guarded method here; resolvers and event handlers only
/// call them. The guard, the history and the version bumped on every change (the concurrency token and
/// the events' aggregateVersion) are <see cref="SagaAggregate{TState}"/>'s. Worker reports that do not
/// fit the state (stale, duplicated, or arriving after a cancel) return null and change nothing.
/// </summary>
public sealed class TargetRequest : SagaAggregate<TargetState>
{
    public const string SystemActor = "system";

    /// <summary>The longest name; the column's size and the validator's limit.</summary>
    public const int MaxNameLength = 100;

    private TargetRequest()
    {
        Name = string.Empty;
        RequestedBy = string.Empty;
        Message = string.Empty;
        Criteria = null!;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string RequestedBy { get; private set; }

    public Guid ModelRequestId { get; private set; }

    public TargetCriteria Criteria { get; private set; }

    public string Message { get; private set; }

    /// <summary>Extraction progress, 0..1.</summary>
    public double Progress { get; private set; }

    /// <summary>Attempt of the extraction run the progress belongs to (a redelivered job starts a later one).</summary>
    public int ExtractionAttempt { get; private set; }

    public long? TargetCount { get; private set; }

    public ScoreSummary? ScoreSummary { get; private set; }

    public DispatchInfo? Dispatch { get; private set; }

    public string? Reason { get; private set; }

    public bool IsFinal => State is TargetState.COMPLETED or TargetState.FAILED or TargetState.REJECTED or TargetState.CANCELED;

    public static TargetRequest Create(Guid id, string name, string requestedBy, Guid modelRequestId, TargetCriteria criteria, string message, DateTime now)
    {
        var request = new TargetRequest
        {
            Id = id,
            Name = name,
            RequestedBy = requestedBy,
            ModelRequestId = modelRequestId,
            Criteria = criteria,
            Message = message,
        };
        request.Begin(TargetState.REQUESTED, requestedBy, now);
        return request;
    }

    public TargetRequested Requested() =>
        new(Id, Name, RequestedBy, RequestedBy, UpdatedAt, ModelRequestId, Criteria, Message);

    public TargetApproved Approve(string approver, DateTime now)
    {
        Guard("approve", TargetState.REQUESTED);
        Transition(TargetState.APPROVED, approver, now, null);
        return new TargetApproved(Id, Name, RequestedBy, approver, now);
    }

    public TargetRejected Reject(string approver, string reason, DateTime now)
    {
        Guard("reject", TargetState.REQUESTED);
        Reason = reason;
        Transition(TargetState.REJECTED, approver, now, reason);
        return new TargetRejected(Id, Name, RequestedBy, approver, now, reason);
    }

    /// <summary>Allowed until dispatch starts: nothing has reached a customer yet. The caller drops the list.</summary>
    public TargetCanceled Cancel(string actor, DateTime now)
    {
        Guard("cancel", TargetState.REQUESTED, TargetState.APPROVED, TargetState.EXTRACTING, TargetState.EXTRACTED);
        Progress = 0;
        TargetCount = null;
        ScoreSummary = null;
        Transition(TargetState.CANCELED, actor, now, "The target list was dropped.");
        return new TargetCanceled(Id, Name, RequestedBy, actor, now);
    }

    /// <summary>The worker took the extraction job (a later attempt restarts it after a worker crash).</summary>
    public TargetExtractionStarted? StartExtraction(int attempt, DateTime now)
    {
        if (State is not (TargetState.APPROVED or TargetState.EXTRACTING) || attempt < ExtractionAttempt)
        {
            return null;
        }

        ExtractionAttempt = attempt;
        Progress = 0;
        if (State == TargetState.APPROVED)
        {
            Transition(TargetState.EXTRACTING, SystemActor, now, null);
        }
        else
        {
            Record(SystemActor, now, $"Extraction restarted (attempt {attempt}).");
        }

        return new TargetExtractionStarted(Id, Name, RequestedBy, SystemActor, now, attempt);
    }

    /// <summary>
    /// Progress of the current attempt; true when it changed something worth telling subscribers. A report
    /// at or below <see cref="SagaAggregate{TState}.ProgressVersion"/> is older than the progress shown and changes nothing.
    /// </summary>
    public bool ReportProgress(int attempt, long reportVersion, long scored, long population, DateTime now)
    {
        if (State != TargetState.EXTRACTING || attempt != ExtractionAttempt || population <= 0 || !AcceptProgress(reportVersion))
        {
            return false;
        }

        Progress = Math.Clamp((double)scored / population, 0, 1);
        Touch(now);
        return true;
    }

    public TargetExtracted? Extracted(long count, ScoreSummary? summary, DateTime now)
    {
        if (State is not (TargetState.APPROVED or TargetState.EXTRACTING))
        {
            return null;
        }

        TargetCount = count;
        ScoreSummary = summary;
        Progress = 1;
        Transition(TargetState.EXTRACTED, SystemActor, now, $"{count:N0} customers selected.");
        return new TargetExtracted(Id, Name, RequestedBy, SystemActor, now, count, summary);
    }

    public TargetFailed? FailExtraction(string reason, DateTime now) =>
        State is TargetState.APPROVED or TargetState.EXTRACTING ? Fail(reason, now) : null;

    /// <summary>From here on the request can no longer be cancelled: messages are on their way.</summary>
    public TargetDispatchStarted? StartDispatch(DateTime now)
    {
        if (State != TargetState.EXTRACTED)
        {
            return null;
        }

        Dispatch = new DispatchInfo([], DispatchState.SENDING, 0, 0, 0, null);
        Transition(TargetState.DISPATCHING, SystemActor, now, null);
        return new TargetDispatchStarted(Id, Name, RequestedBy, SystemActor, now);
    }

    /// <summary>A MIDAS call failed and will be retried; true when the request shows it.</summary>
    public bool DispatchRetrying(int attempts, string lastError, DateTime now)
    {
        if (State != TargetState.DISPATCHING || Dispatch is null || attempts < Dispatch.Attempts)
        {
            return false;
        }

        Dispatch = Dispatch with { Attempts = attempts, LastError = lastError };
        Touch(now);
        return true;
    }

    public TargetCompleted? CompleteDispatch(IReadOnlyList<string> midasJobIds, long sent, long failed, int attempts, DateTime now)
    {
        if (!DispatchHasStarted(now))
        {
            return null;
        }

        Dispatch = new DispatchInfo(midasJobIds, DispatchState.DONE, sent, failed, attempts, Dispatch?.LastError);
        Transition(TargetState.COMPLETED, SystemActor, now, $"MIDAS sent {sent:N0}, failed {failed:N0}.");
        return new TargetCompleted(Id, Name, RequestedBy, SystemActor, now, midasJobIds, sent, failed);
    }

    public TargetFailed? FailDispatch(string reason, int attempts, DateTime now)
    {
        if (!DispatchHasStarted(now))
        {
            return null;
        }

        Dispatch = (Dispatch ?? new DispatchInfo([], DispatchState.FAILED, 0, 0, 0, null)) with
        {
            State = DispatchState.FAILED,
            Attempts = attempts,
            LastError = reason,
        };
        return Fail(reason, now);
    }

    /// <summary>
    /// True when the request is DISPATCHING, after moving it there from EXTRACTED: the worker reports a
    /// dispatch's end only after its start, but the start can reach us later. A delivery that failed comes
    /// back behind the events after it, and so does one a killed replica held unacknowledged. Without
    /// this, an end applied first changes nothing, and the late start then leaves the request DISPATCHING
    /// until the sweeper gives up on it. <see cref="Extracted"/> accepts APPROVED for the same reason.
    /// </summary>
    private bool DispatchHasStarted(DateTime now)
    {
        if (State == TargetState.EXTRACTED)
        {
            StartDispatch(now);
        }

        return State == TargetState.DISPATCHING;
    }

    /// <summary>
    /// The system gave up on the work this request waits for (a job or a report of it dead-lettered, or
    /// stuck longer than the sweeper allows): FAILED with the reason, from any state with work under way.
    /// </summary>
    public TargetFailed? GiveUp(string reason, DateTime now) => State switch
    {
        TargetState.APPROVED or TargetState.EXTRACTING or TargetState.EXTRACTED => Fail(reason, now),
        TargetState.DISPATCHING => FailDispatch(reason, Dispatch?.Attempts ?? 0, now),
        _ => null,
    };

    private TargetFailed Fail(string reason, DateTime now)
    {
        Reason = reason;
        Transition(TargetState.FAILED, SystemActor, now, reason);
        return new TargetFailed(Id, Name, RequestedBy, SystemActor, now, reason);
    }

    protected override string Kind => "target request";
}

public enum DispatchState
{
    SENDING,
    DONE,
    FAILED,
}

/// <summary>How the bulk LMS went: MIDAS job ids (one per chunk of at most 1,000), its delivery counts, and calls made.</summary>
public sealed record DispatchInfo(IReadOnlyList<string> MidasJobIds, DispatchState State, long Sent, long Failed, int Attempts, string? LastError);
