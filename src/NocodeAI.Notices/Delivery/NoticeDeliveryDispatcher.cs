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
/// A round claims its notices with a lease (their next attempt moves past the call's timeout) under
/// <c>FOR UPDATE SKIP LOCKED</c>, so replicas never send the same notice at the same time and a
/// replica that dies mid-call leaves its notices due again once the lease runs out.
/// </summary>
public sealed class NoticeDeliveryDispatcher(
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    IOptions<SwingChatOptions> options,
    TimeProvider clock,
    ILogger<NoticeDeliveryDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

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

            if (round.Claimed == options.Value.BatchSize)
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

    /// <summary>One round: claim due notices, send them concurrently, record each outcome on its notice.</summary>
    public async Task<Round> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var client = scope.ServiceProvider.GetRequiredService<SwingChatClient>();
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + TimeSpan.FromSeconds(settings.TimeoutSeconds) + LeaseMargin;

        var claimed = await db.ClaimDueAsync(now, leaseUntil, settings.BatchSize, cancellationToken);

        if (claimed.Count > 0)
        {
            var notices = await db.Notices.Where(n => claimed.Contains(n.Id)).ToListAsync(cancellationToken);
            var outcomes = await Task.WhenAll(notices.Select(n =>
                client.SendAsync(n.Id, n.MessengerId!, n.Title, n.Body, cancellationToken)));
            var backoff = settings.Backoff();
            var finished = clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < notices.Count; i++)
            {
                Record(notices[i], outcomes[i], backoff, finished);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var nextDue = await db.Notices
            .Where(n => n.MessengerState == MessengerState.PENDING)
            .MinAsync(n => n.NextAttemptAt, cancellationToken);
        return new Round(claimed.Count, nextDue);
    }

    private void Record(Notice notice, DeliveryOutcome outcome, DeliveryBackoff backoff, DateTime now)
    {
        if (outcome.Delivered)
        {
            notice.Delivered(now);
            logger.LogInformation("Notice {NoticeId} delivered to SwingChat for {Recipient} (attempt {Attempt})", notice.Id, notice.Recipient, notice.Attempts);
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

    /// <summary>How many notices a round claimed, and when the earliest pending one is due.</summary>
    public readonly record struct Round(int Claimed, DateTime? NextDue);
}
