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
    private string? _candidate;
    private string? _reportedCandidate;
    private int _candidateIndex;
    private int _candidates = 1;

    /// <summary>
    /// Candidate <paramref name="index"/> (0-based) of <paramref name="count"/> starts: the training stage is
    /// shared out evenly between candidates, and every report names the one being trained ("3/8 LIGHT_GBM …").
    /// </summary>
    public void BeginCandidate(int index, int count, CandidateSettings settings)
    {
        lock (_lock)
        {
            _candidateIndex = index;
            _candidates = Math.Max(1, count);
            _candidate = string.Create(CultureInfo.InvariantCulture, $"{index + 1}/{count} {settings.Algorithm} {settings.Describe()}");
        }

        Training(0);
    }

    /// <summary>Training is over: later reports name no candidate.</summary>
    public void EndCandidates()
    {
        lock (_lock)
        {
            _candidate = null;
            _candidateIndex = 0;
            _candidates = 1;
        }
    }

    public void Report(TrainingStage stage, double value)
    {
        TrainingProgress report;
        lock (_lock)
        {
            value = Math.Clamp(Math.Max(value, _last), 0, 1);
            var candidateChanged = stage == TrainingStage.TRAINING && _candidate != _reportedCandidate;
            if (_stage == stage && value - _last < MinimumStep - 1e-9 && !(value >= 1 && _last < 1) && !candidateChanged)
            {
                return;
            }

            _stage = stage;
            _last = value;
            var candidate = stage == TrainingStage.TRAINING ? _candidate : null;
            _reportedCandidate = candidate;
            report = new TrainingProgress(stage, Math.Round(value, 4), candidate);
        }

        progress?.Report(report);
    }

    public void Extracting(long rowsRead, long expectedRows) =>
        Report(TrainingStage.EXTRACTING_DATA, ExtractionEnd * Math.Min(1.0, rowsRead / (double)Math.Max(1, expectedRows)));

    /// <summary><paramref name="fraction"/> of the current candidate's training done.</summary>
    public void Training(double fraction)
    {
        double share;
        lock (_lock)
        {
            share = (_candidateIndex + Math.Clamp(fraction, 0, 1)) / _candidates;
        }

        Report(TrainingStage.TRAINING, ExtractionEnd + ((TrainingEnd - ExtractionEnd) * share));
    }

    /// <summary><paramref name="fraction"/> of the evaluation stage done.</summary>
    public void Evaluating(double fraction) =>
        Report(TrainingStage.EVALUATING, TrainingEnd + ((1 - TrainingEnd) * Math.Clamp(fraction, 0, 1)));
}
