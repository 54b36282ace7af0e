using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults.Errors;

namespace NocodeAI.ServiceDefaults.Sagas;

/// <summary>Configuration section <c>Sweeper</c>: when a request that waits on work counts as stalled.</summary>
public sealed class SweeperOptions
{
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A request whose work is under way (training, extracting, dispatching, cancelling) changes every few
    /// seconds while its worker reports progress; this long without any change means nobody works on it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan WorkingQuietLimit { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An approved request waiting for a worker may queue behind many others; this is how long at most.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan QueuedLimit { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// The last line against a request that waits forever (SPEC §5 saga): every <see cref="SweeperOptions.Interval"/>
/// it fails the requests of its service that are stalled by <see cref="SweeperOptions"/>, with the reason,
/// which tells their requesters. Each service says which of its requests are stalled and how they fail.
/// Every replica may sweep: failing an already failed request is a no-op.
/// </summary>
public abstract class StalledRequestSweeper(IServiceScopeFactory scopes, IOptions<SweeperOptions> options, TimeProvider clock, ILogger logger) : BackgroundService
{
    private const int MaxPerSweep = 100;

    /// <summary>The ids of the requests stalled at <paramref name="now"/>, oldest first, at most <paramref name="limit"/>.</summary>
    protected abstract Task<IReadOnlyList<Guid>> FindStalledAsync(IServiceProvider services, DateTime now, SweeperOptions limits, int limit, CancellationToken cancellationToken);

    /// <summary>Fails one request if it is still stalled when loaded (in its own scope); false when it moved meanwhile.</summary>
    protected abstract Task<bool> GiveUpAsync(IServiceProvider services, Guid id, DateTime now, SweeperOptions limits, CancellationToken cancellationToken);

    /// <summary>Fails what is stalled now; returns how many requests failed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var limits = options.Value;
        IReadOnlyList<Guid> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            ids = await FindStalledAsync(scope.ServiceProvider, now, limits, MaxPerSweep, cancellationToken);
        }

        var failed = 0;
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                if (await GiveUpAsync(scope.ServiceProvider, id, now, limits, cancellationToken))
                {
                    failed++;
                }
            }
            catch (NocodeException ex) when (ex.Code == ErrorCodes.Conflict)
            {
                // It changed while we looked: someone works on it after all.
            }
        }

        return failed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
                try
                {
                    var failed = await SweepOnceAsync(stoppingToken);
                    if (failed > 0)
                    {
                        logger.LogWarning("The sweeper failed {Count} stalled requests", failed);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("The sweep failed; trying again in {Interval}: {Error}", options.Value.Interval, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The reason a stalled request fails with.</summary>
    public static string Reason(string state, DateTime since, TimeSpan limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The system gave up on this request: nothing happened in {state} since {since:yyyy-MM-dd HH:mm:ss} UTC (the limit is {limit}).");
}
