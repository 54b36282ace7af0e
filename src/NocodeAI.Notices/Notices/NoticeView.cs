namespace NocodeAI.Notices.Notices;

/// <summary>What clients see of a notice, for queries and as the payload published to Redis after commit.</summary>
public sealed record NoticeView(
    Guid Id,
    string Recipient,
    NoticeKind Kind,
    SubjectType SubjectType,
    Guid SubjectId,
    string Title,
    string Body,
    DateTime CreatedAt,
    DateTime? ReadAt,
    MessengerDeliveryView Messenger)
{
    /// <summary>The Redis topic every new notice is published on; subscribers keep their own.</summary>
    public const string Topic = "notices.Notice";

    public static NoticeView From(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new NoticeView(
            notice.Id,
            notice.Recipient,
            notice.Kind,
            notice.SubjectType,
            notice.SubjectId,
            notice.Title,
            notice.Body,
            notice.CreatedAt,
            notice.ReadAt,
            new MessengerDeliveryView(notice.MessengerState, notice.Attempts, notice.LastError));
    }
}

public sealed record MessengerDeliveryView(MessengerState State, int Attempts, string? LastError);
