namespace NocodeAI.Messaging;

/// <summary>
/// The owner's answer to a dead letter about one of its requests (the envelope's aggregate id): work the
/// system gave up on would leave the request waiting forever, so it fails instead, with the dead letter
/// as its reason, which tells the requester. A request that is unknown or already final is left alone.
/// </summary>
public abstract class FailRequestOnDeadLetter(ILogger logger) : IDeadLetterHandler
{
    /// <summary>Fails the request if it still waits on work; false when it is unknown or final.</summary>
    protected abstract Task<bool> GiveUpAsync(Guid requestId, string reason, CancellationToken cancellationToken);

    public async Task HandleAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (deadLetter.Envelope is not { } envelope || !Guid.TryParse(envelope.AggregateId, out var requestId))
        {
            logger.LogError("Dead letter {Sequence} of {Consumer} names no request; see ./nocode deadletters show {Sequence}", deadLetter.Sequence, deadLetter.Consumer, deadLetter.Sequence);
            return;
        }

        if (!await GiveUpAsync(requestId, $"The system gave up on this request: {deadLetter.Describe()}", cancellationToken))
        {
            logger.LogInformation("Dead letter {Sequence} concerns request {RequestId}, which is unknown or already final", deadLetter.Sequence, requestId);
        }
    }
}
