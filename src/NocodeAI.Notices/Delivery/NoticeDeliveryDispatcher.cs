using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.Notices;
using NocodeAI.ServiceDefaults.Resilience;

namespace NocodeAI.Notices.Delivery;

/// <summary>
/// Sends PENDING notices whose next attempt is due to SwingChat, woken right after notices commit
/// (<see cref="DeliverySignal"/>) and on a sweep. Storing a notice never waits for SwingChat, and an
/// outage only moves <c>next_attempt_at</c> back, so nothing is lost and delivery resumes by itself.
/// A round locks its notices in a transaction (<c>FOR UPDATE SKIP LOCKED</c>) held while it sends them,
/// records every outcome in one statement and commits: replicas never send the same notice at the same
/// time, a replica that dies mid-call releases its notices at once, and a round costs two statements.
/// The transaction lasts at most one call's timeout.
/// </summary>
public sealed class NoticeDeliveryDispatcher(
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    IOptions<SwingChatOptions> options,
    TimeProvider clock,
    ILogger<NoticeDeliveryDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextAsync();
            Round round;
            try
            {
                round = await DispatchAsync(stoppingToken);
                if (failures > 0)
                {
                    logger.LogInformation("Notice delivery works again after {Attempts} failed rounds", failures);
                    failures = 0;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                if (Backoff.ShouldLog(failures))
                {
                    logger.LogWarning("Notice delivery round failed (attempt {Attempt}); notices stay pending: {Error}", failures, ex.Message);
                }

                await DelayAsync(Backoff.For(failures + 1, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)), stoppingToken);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (round.Sent == options.Value.BatchSize)
            {
                continue; // a full batch: there is probably more due
            }

            var sleep = options.Value.SweepInterval;
            if (round.NextDue is { } due)
            {
                var untilDue = due - clock.GetUtcNow().UtcDateTime;
                sleep = untilDue < sleep ? (untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero) : sleep;
            }

            await Task.WhenAny(wake, Task.Delay(sleep, stoppingToken));
        }
    }

    /// <summary>One round: lock due notices, send them concurrently, record each outcome on its notice.</summary>
    public async Task<Round> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var client = scope.ServiceProvider.GetRequiredService<SwingChatClient>();
        var settings = options.Value;

        List<Notice> notices;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            notices = await db.LockDueAsync(clock.GetUtcNow().UtcDateTime, settings.BatchSize, cancellationToken);
            if (notices.Count > 0)
            {
                var outcomes = await Task.WhenAll(notices.Select(n =>
                    client.SendAsync(n.Id, n.MessengerId!, n.Title, n.Body, cancellationToken)));
                var backoff = settings.Backoff();
                var finished = clock.GetUtcNow().UtcDateTime;
                for (var i = 0; i < notices.Count; i++)
                {
                    Record(notices[i], outcomes[i], backoff, finished);
                }

                await db.RecordOutcomesAsync(notices, cancellationToken);
                logger.LogInformation("Delivered {Delivered} of {Count} notices to SwingChat", outcomes.Count(o => o.Delivered), notices.Count);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (notices.Count == settings.BatchSize)
        {
            return new Round(notices.Count, null); // a full round: the next one starts at once
        }

        var nextDue = await db.Notices
            .Where(n => n.MessengerState == MessengerState.PENDING)
            .MinAsync(n => n.NextAttemptAt, cancellationToken);
        return new Round(notices.Count, nextDue);
    }

    private void Record(Notice notice, DeliveryOutcome outcome, DeliveryBackoff backoff, DateTime now)
    {
        if (outcome.Delivered)
        {
            notice.Delivered(now);
            // The notice row records it (sentAt); the round logs the count at Information.
            logger.LogDebug("Notice {NoticeId} delivered to SwingChat for {Recipient} (attempt {Attempt})", notice.Id, notice.Recipient, notice.Attempts);
            return;
        }

        notice.DeliveryFailed(outcome.Error ?? "unknown error", outcome.Permanent, now, backoff);
        if (notice.MessengerState == MessengerState.FAILED)
        {
            logger.LogWarning("Notice {NoticeId} for {Recipient} FAILED after {Attempts} attempt(s): {Error}", notice.Id, notice.Recipient, notice.Attempts, outcome.Error);
        }
        else
        {
            logger.LogInformation("Notice {NoticeId} for {Recipient} not delivered (attempt {Attempt} of {MaxAttempts}), next at {NextAttemptAt:O}: {Error}",
                notice.Id, notice.Recipient, notice.Attempts, backoff.MaxAttempts, notice.NextAttemptAt, outcome.Error);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>How many notices a round sent (or tried to), and when the earliest pending one is due.</summary>
    public readonly record struct Round(int Sent, DateTime? NextDue);
}
