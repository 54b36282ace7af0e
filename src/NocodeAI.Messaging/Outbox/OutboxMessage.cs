namespace NocodeAI.Messaging;

/// <summary>An envelope waiting to be relayed; written in the same transaction as the state change it describes.</summary>
public sealed class OutboxMessage
{
    /// <summary>The envelope id, also the <c>Nats-Msg-Id</c>.</summary>
    public Guid Id { get; set; }

    /// <summary>Logical subject, e.g. <c>nocode.models.ModelApproved</c>.</summary>
    public string Subject { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    /// <summary>The whole envelope as JSON (<c>jsonb</c>).</summary>
    public string Envelope { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Failed publish attempts so far.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>An envelope a consumer has handled; the primary key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public string Consumer { get; set; } = string.Empty;

    public Guid EventId { get; set; }

    public DateTimeOffset HandledAt { get; set; }
}
