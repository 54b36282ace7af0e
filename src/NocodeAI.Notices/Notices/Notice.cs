using NocodeAI.Notices.Delivery;

namespace NocodeAI.Notices.Notices;

/// <summary>
/// A notice to one user about one change of a request, and its delivery to SwingChat. The delivery
/// state machine lives here: PENDING → SENT, or PENDING → (retries) → FAILED; SKIPPED from the start
/// when the recipient has no messenger id. Storing a notice never waits for SwingChat.
/// </summary>
public sealed class Notice
{
    public const int MaxErrorLength = 1_000;

    private Notice()
    {
        Recipient = string.Empty;
        Title = string.Empty;
        Body = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>User name of the person the notice is for.</summary>
    public string Recipient { get; private set; }

    public NoticeKind Kind { get; private set; }

    public SubjectType SubjectType { get; private set; }

    public Guid SubjectId { get; private set; }

    /// <summary>aggregateVersion of the change the notice is about.</summary>
    public long SubjectVersion { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    /// <summary>The SwingChat id the notice goes to, as the directory knew it when the notice was written.</summary>
    public string? MessengerId { get; private set; }

    public MessengerState MessengerState { get; private set; }

    /// <summary>Delivery attempts made so far (successful or not).</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When the dispatcher may try next; null once the delivery is settled (SENT, FAILED, SKIPPED).</summary>
    public DateTime? NextAttemptAt { get; private set; }

    public DateTime? SentAt { get; private set; }

    public static Notice Create(
        Guid id,
        string recipient,
        string? messengerId,
        NoticeKind kind,
        SubjectType subjectType,
        Guid subjectId,
        long subjectVersion,
        NoticeText text,
        DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        ArgumentNullException.ThrowIfNull(text);
        var hasMessenger = !string.IsNullOrWhiteSpace(messengerId);
        return new Notice
        {
            Id = id,
            Recipient = recipient,
            MessengerId = hasMessenger ? messengerId : null,
            Kind = kind,
            SubjectType = subjectType,
            SubjectId = subjectId,
            SubjectVersion = subjectVersion,
            Title = text.Title,
            Body = text.Body,
            CreatedAt = now,
            MessengerState = hasMessenger ? MessengerState.PENDING : MessengerState.SKIPPED,
            NextAttemptAt = hasMessenger ? now : null,
        };
    }

    public bool IsRead => ReadAt is not null;

    /// <summary>SwingChat accepted the notice. Ignored unless it is waiting for delivery.</summary>
    public void Delivered(DateTime now)
    {
        if (MessengerState != MessengerState.PENDING)
        {
            return;
        }

        Attempts++;
        MessengerState = MessengerState.SENT;
        SentAt = now;
        NextAttemptAt = null;
    }

    /// <summary>
    /// An attempt failed. The notice waits for the next attempt (exponential backoff with jitter), or
    /// ends FAILED when the attempts are used up or SwingChat refused it for good.
    /// </summary>
    public void DeliveryFailed(string error, bool permanent, DateTime now, DeliveryBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        if (MessengerState != MessengerState.PENDING)
        {
            return;
        }

        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (permanent || Attempts >= backoff.MaxAttempts)
        {
            MessengerState = MessengerState.FAILED;
            NextAttemptAt = null;
            return;
        }

        NextAttemptAt = now + backoff.DelayAfter(Attempts);
    }
}

/// <summary>A rendered notice text.</summary>
public sealed record NoticeText(string Title, string Body);
