using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.Targets.Infrastructure;

namespace NocodeAI.Targets.TargetRequests;

/// <summary>
/// Fails target requests nobody works on any more: EXTRACTING, EXTRACTED or DISPATCHING with no change
/// for <see cref="SweeperOptions.WorkingQuietLimit"/>, or APPROVED and not started for <see cref="SweeperOptions.QueuedLimit"/>.
/// </summary>
public sealed class StalledTargetRequests(IServiceScopeFactory scopes, IOptions<SweeperOptions> options, TimeProvider clock, ILogger<StalledTargetRequests> logger)
    : StalledRequestSweeper(scopes, options, clock, logger)
{
    public static Expression<Func<TargetRequest, bool>> IsStalled(DateTime now, SweeperOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var quietSince = now - limits.WorkingQuietLimit;
        var queuedSince = now - limits.QueuedLimit;
        return r => ((r.State == TargetState.EXTRACTING || r.State == TargetState.EXTRACTED || r.State == TargetState.DISPATCHING) && r.UpdatedAt < quietSince)
                    || (r.State == TargetState.APPROVED && r.UpdatedAt < queuedSince);
    }

    /// <summary>The transition the sweeper applies: checked again on the row it loads, so a request that moved meanwhile is left alone.</summary>
    public static Func<TargetRequest, TargetRequestEvent?> GiveUpIfStalled(DateTime now, SweeperOptions limits)
    {
        var stalled = IsStalled(now, limits).Compile();
        return r => stalled(r)
            ? r.GiveUp(Reason(r.State.ToString(), r.UpdatedAt, r.State == TargetState.APPROVED ? limits.QueuedLimit : limits.WorkingQuietLimit), now)
            : null;
    }

    protected override async Task<IReadOnlyList<Guid>> FindStalledAsync(IServiceProvider services, DateTime now, SweeperOptions limits, int limit, CancellationToken cancellationToken) =>
        await services.GetRequiredService<TargetsDbContext>().TargetRequests.AsNoTracking()
            .Where(IsStalled(now, limits))
            .OrderBy(r => r.UpdatedAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    protected override Task<bool> GiveUpAsync(IServiceProvider services, Guid id, DateTime now, SweeperOptions limits, CancellationToken cancellationToken) =>
        services.GetRequiredService<TargetRequestService>().ApplyAsync(id, GiveUpIfStalled(now, limits), cancellationToken);
}
