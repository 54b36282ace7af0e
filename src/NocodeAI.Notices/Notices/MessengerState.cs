namespace NocodeAI.Notices.Notices;

/// <summary>Where a notice stands with SwingChat. Names are part of the GraphQL contract.</summary>
public enum MessengerState
{
    /// <summary>Waiting for its first or next delivery attempt.</summary>
    PENDING,

    /// <summary>SwingChat accepted it.</summary>
    SENT,

    /// <summary>Every attempt failed, or SwingChat refused it for good; it stays in the app only.</summary>
    FAILED,

    /// <summary>The recipient has no messenger id; the notice lives in the app only.</summary>
    SKIPPED,
}
