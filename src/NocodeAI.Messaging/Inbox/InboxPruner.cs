using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NocodeAI.Messaging;

/// <summary>
/// Keeps the inbox of <typeparamref name="TContext"/> bounded: every <see cref="InboxOptions.PruneInterval"/>
/// it deletes the rows older than <see cref="InboxOptions.Retention"/>, in chunks. Every replica may run it;
/// deleting the same old rows twice is harmless.
/// </summary>
internal sealed class InboxPruner<TContext>(
    IServiceScopeFactory scopes,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxPruner<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var deleted = await PruneAsync(stoppingToken);
                    if (deleted > 0)
                    {
                        logger.LogInformation("Pruned {Count} inbox rows of {Context} older than {Retention}", deleted, typeof(TContext).Name, settings.Retention);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Could not prune the inbox of {Context}; trying again in {Interval}: {Error}", typeof(TContext).Name, settings.PruneInterval, ex.Message);
                }

                await Task.Delay(settings.PruneInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes the expired rows; returns how many.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var inbox = MessagingTables.Of(db).Inbox;
        var cutoff = clock.GetUtcNow() - settings.Retention;
        // The table name is ours (from the model), not input; the values are parameters.
        var delete = $"DELETE FROM {inbox} WHERE ctid IN (SELECT ctid FROM {inbox} WHERE handled_at < {{0}} LIMIT {{1}})";
        long total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlRawAsync(delete, [cutoff, settings.PruneChunk], cancellationToken);
            total += deleted;
        }
        while (deleted == settings.PruneChunk && !cancellationToken.IsCancellationRequested);
        return total;
    }
}
