using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.Infrastructure.EntityConfigurations;
using NocodeAI.Notices.IntegrationEvents;

namespace NocodeAI.Notices.MyRequests;

/// <summary>What a rebuild did.</summary>
public sealed record RebuildResult(long Events, long Applied, int Rows, TimeSpan Duration);

/// <summary>
/// Rebuilds myRequests from the beginning of the streams, in one transaction: it locks the table
/// against writers (readers keep the old rows until the commit), empties it, replays every event of
/// every source the live consumers read (<see cref="RequestChangeCatalog"/>) through the same version
/// guard, and writes the result. The live consumers wait on the lock meanwhile; afterwards they find
/// the events they held already applied (not newer than the rows) and carry on. Notices are untouched.
/// It refuses (<see cref="HistoryDiscardedException"/>) once the stream has discarded its oldest events.
/// </summary>
public sealed class MyRequestsRebuilder(
    IServiceScopeFactory scopes,
    RequestChangeCatalog catalog,
    EventStreamReplay replay,
    TimeProvider clock,
    ILogger<MyRequestsRebuilder> logger)
{
    /// <summary>The command-line switch: <c>dotnet NocodeAI.Notices.dll --rebuild-projection</c>.</summary>
    public const string CommandLineSwitch = "--rebuild-projection";

    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // SHARE ROW EXCLUSIVE: no concurrent INSERT/UPDATE/DELETE (the live consumers wait), SELECTs go on.
        await db.Database.ExecuteSqlRawAsync($"LOCK TABLE {MyRequestConfiguration.TableName} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);

        await EnsureWholeHistoryAsync(cancellationToken);
        var rows = new Dictionary<Guid, MyRequest>();
        long events = 0, applied = 0;
        foreach (var filter in catalog.FilterSubjects)
        {
            await foreach (var envelope in replay.ReadAsync(filter, cancellationToken))
            {
                events++;
                if (!catalog.TryTranslate(envelope, out var change))
                {
                    continue;
                }

                if (!rows.TryGetValue(change.RequestId, out var row))
                {
                    rows[change.RequestId] = MyRequest.From(change);
                    applied++;
                }
                else if (row.Apply(change))
                {
                    applied++;
                }
            }
        }

        // The stream may have reached its bound while the replay read it.
        await EnsureWholeHistoryAsync(cancellationToken);
        await db.MyRequests.ExecuteDeleteAsync(cancellationToken);
        db.MyRequests.AddRange(rows.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var result = new RebuildResult(events, applied, rows.Count, clock.GetElapsedTime(started));
        logger.LogInformation("Rebuilt {Table} from {Events} events ({Applied} applied): {Rows} rows in {Duration}",
            MyRequestConfiguration.TableName, result.Events, result.Applied, result.Rows, result.Duration);
        return result;
    }

    /// <summary>
    /// A replay of a stream whose oldest events were discarded would drop every request they made (and
    /// rebuild others from their later events only): refuse, and leave the rows as they are.
    /// </summary>
    private async Task EnsureWholeHistoryAsync(CancellationToken cancellationToken)
    {
        var first = await replay.FirstSequenceAsync(cancellationToken);
        if (first > 1)
        {
            throw new HistoryDiscardedException(
                $"The events stream no longer holds its first {first - 1} events (discarded at its size bound, Nats:EventsMaxBytes), " +
                $"so a rebuild would lose the requests they made; {MyRequestConfiguration.TableName} is left as it is.");
        }
    }
}

/// <summary>The events stream no longer starts at its first event, so it cannot rebuild a projection.</summary>
public sealed class HistoryDiscardedException(string message) : InvalidOperationException(message);
