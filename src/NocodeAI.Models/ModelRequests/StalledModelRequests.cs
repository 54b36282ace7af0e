using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NocodeAI.Models.Infrastructure;
using NocodeAI.ServiceDefaults.Sagas;

namespace NocodeAI.Models.ModelRequests;

/// <summary>
/// Fails model requests nobody works on any more: TRAINING or CANCELING with no report for
/// <see cref="SweeperOptions.WorkingQuietLimit"/>, or APPROVED and not started for <see cref="SweeperOptions.QueuedLimit"/>.
/// </summary>
public sealed class StalledModelRequests(IServiceScopeFactory scopes, IOptions<SweeperOptions> options, TimeProvider clock, ILogger<StalledModelRequests> logger)
    : StalledRequestSweeper(scopes, options, clock, logger)
{
    public static Expression<Func<ModelRequest, bool>> IsStalled(DateTime now, SweeperOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var quietSince = now - limits.WorkingQuietLimit;
        var queuedSince = now - limits.QueuedLimit;
        return r => ((r.State == ModelState.TRAINING || r.State == ModelState.CANCELING) && r.UpdatedAt < quietSince)
                    || (r.State == ModelState.APPROVED && r.UpdatedAt < queuedSince);
    }

    /// <summary>The transition the sweeper applies: checked again on the row it loads, so a request that moved meanwhile is left alone.</summary>
    public static Func<ModelRequest, ModelRequestEvent?> GiveUpIfStalled(DateTime now, SweeperOptions limits)
    {
        var stalled = IsStalled(now, limits).Compile();
        return r => stalled(r)
            ? r.Fail(Reason(r.State.ToString(), r.UpdatedAt, r.State == ModelState.APPROVED ? limits.QueuedLimit : limits.WorkingQuietLimit), now)
            : null;
    }

    protected override async Task<IReadOnlyList<Guid>> FindStalledAsync(IServiceProvider services, DateTime now, SweeperOptions limits, int limit, CancellationToken cancellationToken) =>
        await services.GetRequiredService<ModelsDbContext>().ModelRequests.AsNoTracking()
            .Where(IsStalled(now, limits))
            .OrderBy(r => r.UpdatedAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    protected override Task<bool> GiveUpAsync(IServiceProvider services, Guid id, DateTime now, SweeperOptions limits, CancellationToken cancellationToken) =>
        services.GetRequiredService<ModelRequestService>().ApplyAsync(id, GiveUpIfStalled(now, limits), cancellationToken);
}
