namespace NocodeAI.Targets.Contracts;

/// <summary>States of a target request (SPEC §4/§5). Names are part of the GraphQL contract.</summary>
public enum TargetState
{
    REQUESTED,
    APPROVED,
    EXTRACTING,
    EXTRACTED,
    DISPATCHING,
    COMPLETED,
    FAILED,
    REJECTED,
    CANCELED,
}

/// <summary>
/// Who is targeted: the <see cref="TopN"/> highest scores, the customers scoring at least
/// <see cref="MinScore"/>, or, with both, the top N among those at or above the score.
/// </summary>
public sealed record TargetCriteria(int? TopN, double? MinScore);

/// <summary>Distribution of the selected members' scores.</summary>
public sealed record ScoreSummary(double Min, double Max, double Mean, double P50, double P90);
