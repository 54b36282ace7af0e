using System.ComponentModel.DataAnnotations;

namespace NocodeAI.GraphQL.RateLimiting;

/// <summary>
/// Section "MutationRateLimit": how many mutations one signed-in user may send per minute, counted over
/// every subgraph and replica together (Redis). It stops a runaway script or a stolen token from flooding
/// the sagas (a mutation may start training or a MIDAS dispatch), so the default is far above what a person
/// clicking through the dashboard sends. 0 turns it off. Sign-in is anonymous and is left to the sign-in throttle.
/// </summary>
public sealed class MutationRateLimitOptions
{
    [Range(0, 10_000_000)]
    public int PerMinute { get; set; } = 600;
}
