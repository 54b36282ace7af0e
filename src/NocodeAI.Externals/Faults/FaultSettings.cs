namespace NocodeAI.Externals.Faults;

/// <summary>The body of <c>POST /_admin/faults</c>: what one stand-in does wrong until told otherwise.</summary>
public sealed record FaultSettings(
    string System,
    int FailNext = 0,
    double FailureRate = 0,
    int LatencyMs = 0,
    bool Down = false)
{
    public const int MaxLatencyMs = 120_000;

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Problem() =>
        System is null || !ExternalSystems.All.Contains(System) ? $"system must be one of {string.Join(", ", ExternalSystems.All)}."
        : FailNext < 0 ? "failNext must be 0 or more."
        : FailureRate is < 0 or > 1 || double.IsNaN(FailureRate) ? "failureRate must be between 0 and 1."
        : LatencyMs is < 0 or > MaxLatencyMs ? $"latencyMs must be between 0 and {MaxLatencyMs}."
        : null;
}

public static class ExternalSystems
{
    public const string SwingChat = "swingchat";
    public const string Midas = "midas";

    public static readonly IReadOnlyList<string> All = [SwingChat, Midas];
}
