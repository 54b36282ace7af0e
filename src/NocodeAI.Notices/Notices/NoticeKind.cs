namespace NocodeAI.Notices.Notices;

/// <summary>
/// Why a notice was written. Kinds named for a request in general (REQUEST_*) serve model and target
/// requests alike; the template names the subject. Names are part of the GraphQL contract.
/// </summary>
public enum NoticeKind
{
    /// <summary>To the requester: the request was received and waits for an approver.</summary>
    REQUEST_SUBMITTED,

    /// <summary>To every APPROVER: a request started waiting for approval.</summary>
    APPROVAL_REQUESTED,
    REQUEST_APPROVED,
    REQUEST_REJECTED,
    TRAINING_STARTED,
    MODEL_COMPLETED,
    REQUEST_FAILED,

    /// <summary>Cancel asked while work runs; the request is CANCELING until the worker stops.</summary>
    CANCELLATION_REQUESTED,
    REQUEST_CANCELED,

    /// <summary>Target request: the worker started scoring the population (again, after a crash).</summary>
    EXTRACTION_STARTED,

    /// <summary>Target request: the list is stored, with its size; sending starts next.</summary>
    TARGETS_EXTRACTED,

    /// <summary>Target request: MIDAS accepted every chunk and reported the sent and failed counts.</summary>
    TARGET_COMPLETED,
}
