using System.Globalization;

namespace NocodeAI.Bench;

/// <summary>Latency samples of one round, and what is reported of them.</summary>
public static class Statistics
{
    /// <summary>The nearest-rank percentile (0–100) of <paramref name="samples"/>; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The median of per-round values: what a report quotes across repeated rounds.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Format(double value, string format = "0.0") =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>One round: its latencies (ms), how long it took and how many operations succeeded or failed.</summary>
public sealed record Round(IReadOnlyList<double> LatenciesMs, double ElapsedSeconds, int Succeeded, int Failed)
{
    public double P50 => Statistics.Percentile(LatenciesMs, 50);

    public double P99 => Statistics.Percentile(LatenciesMs, 99);

    public double PerSecond => ElapsedSeconds > 0 ? Succeeded / ElapsedSeconds : double.NaN;
}

/// <summary>A scenario's result: the rounds and their medians, plus what the issue asks to compare it with.</summary>
public sealed record ScenarioResult(string Name, string Description, IReadOnlyList<Round> Rounds, string? Target = null, bool? TargetMet = null, string? Note = null)
{
    public double MedianP50 => Statistics.Median(Rounds.Select(r => r.P50).ToList());

    public double MedianP99 => Statistics.Median(Rounds.Select(r => r.P99).ToList());

    public double MedianPerSecond => Statistics.Median(Rounds.Select(r => r.PerSecond).ToList());

    public int Failed => Rounds.Sum(r => r.Failed);
}
