using System.Collections.Concurrent;
using NocodeAI.Messaging;
using NocodeAI.Modeling;

namespace NocodeAI.Training.Cancellation;

/// <summary>
/// This worker's replica of which model requests were cancelled, built from the models service's
/// events (replayed for <see cref="TrainingWorkerOptions.CancellationMemory"/> at start, then live).
/// A running job registers a callback and is stopped at its next checkpoint. When a cancelled
/// request's finished training was discarded, the artifact is deleted here, by the artifacts' owner.
/// </summary>
public sealed class CancellationRegistry(ModelArtifactStore artifacts, ILogger<CancellationRegistry> logger) : IEventObserver
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _cancelled = new();
    private readonly ConcurrentDictionary<Guid, Action> _running = new();

    public bool IsCancelled(Guid modelRequestId) => _cancelled.ContainsKey(modelRequestId);

    /// <summary>Calls <paramref name="onCancel"/> when the request is cancelled while the returned registration lives.</summary>
    public IDisposable Register(Guid modelRequestId, Action onCancel)
    {
        _running[modelRequestId] = onCancel;
        if (IsCancelled(modelRequestId))
        {
            onCancel();
        }

        return new Registration(() => _running.TryRemove(modelRequestId, out _));
    }

    public Task ObserveAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Is<ModelCancellationRequested>() || envelope.Is<ModelCanceled>())
        {
            var id = envelope.GetData<ModelRequestEventIdentity>().ModelRequestId;
            _cancelled[id] = envelope.OccurredAt;
            if (_running.TryGetValue(id, out var stop))
            {
                logger.LogInformation("Model request {ModelRequestId} was cancelled; stopping its training at the next checkpoint", id);
                stop();
            }

            if (envelope.Is<ModelCanceled>() && envelope.GetData<ModelCanceled>().ArtifactDiscarded)
            {
                artifacts.Delete(id);
            }
        }

        return Task.CompletedTask;
    }

    private sealed record ModelRequestEventIdentity(Guid ModelRequestId);

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
