namespace NocodeAI.Targets.TargetMembers;

/// <summary>
/// One customer of a target list. The extraction worker (this context's worker) writes the rows through
/// <see cref="TargetMemberStore"/>, replacing a request's list in one transaction; the service reads them and drops them on cancel.
/// </summary>
public sealed class TargetMember
{
    public Guid TargetRequestId { get; set; }

    /// <summary>1 = highest score.</summary>
    public int Rank { get; set; }

    public long CustomerId { get; set; }

    public float Score { get; set; }
}
