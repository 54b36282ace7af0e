namespace NocodeAI.Modeling;

/// <summary>
/// Reads ML.NET's log for honest progress inside Fit: the learner starting (data prepared) and, for FastTree,
/// one trace line per boosted tree. LightGBM and L-BFGS report no steps, so their progress jumps from
/// "learner started" to "done". Only the message text ties this to ML.NET; if it changes, progress is coarser, nothing else.
/// </summary>
internal sealed class TrainingSignals(TrainingProgressReporter reporter)
{
    private const double LearnerStarted = 0.1;
    private int _trees;
    private int _expectedTrees = 1;

    public void Attach(MLContext context) => context.Log += OnLog;

    /// <summary>A new learner starts: its trees are counted from zero against its own number of rounds.</summary>
    public void BeginLearner(CandidateSettings settings)
    {
        Interlocked.Exchange(ref _trees, 0);
        _expectedTrees = Math.Max(1, settings.Trees);
    }

    private void OnLog(object? sender, LoggingEventArgs e)
    {
        var message = e.Message;
        if (message.Contains("numTotalTrees left", StringComparison.Ordinal))
        {
            var trees = Interlocked.Increment(ref _trees);
            reporter.Training(LearnerStarted + ((1 - LearnerStarted) * Math.Min(1.0, trees / (double)_expectedTrees)));
        }
        else if (message.Contains("Starting to train", StringComparison.Ordinal)
            || message.Contains("LightGBM objective", StringComparison.Ordinal)
            || message.Contains("Beginning optimization", StringComparison.Ordinal))
        {
            reporter.Training(LearnerStarted);
        }
    }
}
