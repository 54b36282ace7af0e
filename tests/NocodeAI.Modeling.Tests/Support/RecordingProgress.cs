using System.Collections.Concurrent;

namespace NocodeAI.Modeling.Tests.Support;

/// <summary>Records every report synchronously, on the reporting thread (Progress&lt;T&gt; would post it elsewhere).</summary>
internal sealed class RecordingProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    private readonly ConcurrentQueue<TrainingProgress> _reports = new();

    public IReadOnlyList<TrainingProgress> Reports => [.. _reports];

    public void Report(TrainingProgress value)
    {
        _reports.Enqueue(value);
        onReport?.Invoke(value);
    }
}
