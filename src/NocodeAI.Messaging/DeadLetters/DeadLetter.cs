namespace NocodeAI.Messaging;

/// <summary>
/// A message a consumer gave up on (SPEC §5): which consumer, what failed, how often, and the original
/// envelope when it was one. <see cref="Sequence"/> is its place in the dead-letter stream, the id
/// operators use to show or replay it.
/// </summary>
public sealed record DeadLetter(
    ulong Sequence,
    string Consumer,
    string Subject,
    string Error,
    string ErrorType,
    long DeliveryCount,
    DateTimeOffset DeadLetteredAt,
    EventEnvelope? Envelope)
{
    /// <summary>One line for a request's failure reason and for operators.</summary>
    public string Describe() =>
        $"{Consumer} gave up on {Envelope?.Type ?? Subject} after {DeliveryCount} deliveries: {Error}";
}

/// <summary>
/// Told of every dead letter of the consumers it owns, inside a transaction with its inbox row, so a
/// dead letter is acted on exactly once. Throwing retries it later; dead letters are never dead-lettered.
/// </summary>
public interface IDeadLetterHandler
{
    Task HandleAsync(DeadLetter deadLetter, CancellationToken cancellationToken);
}
