namespace NocodeAI.Messaging;

/// <summary>
/// Wakes the outbox relay right after a commit that added outbox rows, so events leave within
/// milliseconds instead of at the next sweep. Broadcast: every relay in the process wakes.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Take this before a relay round and await it after: a notify that arrives during the round then
    /// starts the next round at once instead of being lost.
    /// </summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Notify()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _next, fresh).TrySetResult();
    }
}
