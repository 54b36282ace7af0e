namespace NocodeAI.Notices.Delivery;

/// <summary>
/// Wakes the delivery dispatcher right after notices commit, so SwingChat hears of them within
/// milliseconds instead of at the next sweep. In-process only: other replicas find them on their sweep.
/// </summary>
public sealed class DeliverySignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Take this before a round and await it after, so a notify during the round is not lost.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Notify()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _next, fresh).TrySetResult();
    }
}
