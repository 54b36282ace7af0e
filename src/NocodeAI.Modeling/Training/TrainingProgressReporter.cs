namespace NocodeAI.Modeling;

/// <summary>
/// Turns the job's checkpoints into <see cref="TrainingProgress"/>: never backwards, and at most one report per
/// <see cref="MinimumStep"/> within a stage (every stage change is reported), so a subscriber is not flooded.
/// </summary>
internal sealed class TrainingProgressReporter(IProgress<TrainingProgress>? progress)
{
    public const double ExtractionEnd = 0.40;
    public const double TrainingEnd = 0.85;

    /// <summary>0.02 of the job: 5% of the extraction stage.</summary>
    public const double MinimumStep = 0.02;

    private readonly Lock _lock = new();
    private TrainingStage? _stage;
    private double _last;

    public void Report(TrainingStage stage, double value)
    {
        TrainingProgress report;
        lock (_lock)
        {
            value = Math.Clamp(Math.Max(value, _last), 0, 1);
            if (_stage == stage && value - _last < MinimumStep - 1e-9 && !(value >= 1 && _last < 1))
            {
                return;
            }

            _stage = stage;
            _last = value;
            report = new TrainingProgress(stage, Math.Round(value, 4));
        }

        progress?.Report(report);
    }

    public void Extracting(long rowsRead, long expectedRows) =>
        Report(TrainingStage.EXTRACTING_DATA, ExtractionEnd * Math.Min(1.0, rowsRead / (double)Math.Max(1, expectedRows)));

    /// <summary><paramref name="fraction"/> of the training stage done.</summary>
    public void Training(double fraction) =>
        Report(TrainingStage.TRAINING, ExtractionEnd + ((TrainingEnd - ExtractionEnd) * Math.Clamp(fraction, 0, 1)));

    /// <summary><paramref name="fraction"/> of the evaluation stage done.</summary>
    public void Evaluating(double fraction) =>
        Report(TrainingStage.EVALUATING, TrainingEnd + ((1 - TrainingEnd) * Math.Clamp(fraction, 0, 1)));
}
