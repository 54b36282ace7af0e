using NocodeAI.Notices.Delivery;

namespace NocodeAI.Notices.Tests;

/// <summary>The delivery state machine on the notice and the backoff between attempts.</summary>
public sealed class DeliveryTests
{
    private static readonly DateTime Now = Changes.Now;

    private static Notice NewNotice(string? messengerId = "swingchat:analyst") =>
        Notice.Create(Guid.NewGuid(), "analyst", messengerId, NoticeKind.REQUEST_APPROVED, SubjectType.MODEL_REQUEST, Guid.NewGuid(), 2, new NoticeText("t", "b"), Now);

    [Fact]
    public void A_notice_with_a_messenger_id_starts_PENDING_and_due_at_once()
    {
        var notice = NewNotice();

        Assert.Equal(MessengerState.PENDING, notice.MessengerState);
        Assert.Equal(0, notice.Attempts);
        Assert.Equal(Now, notice.NextAttemptAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_notice_for_a_user_without_messenger_id_is_SKIPPED_and_never_due(string? messengerId)
    {
        var notice = NewNotice(messengerId);

        Assert.Equal(MessengerState.SKIPPED, notice.MessengerState);
        Assert.Null(notice.NextAttemptAt);
        notice.Delivered(Now);
        Assert.Equal(MessengerState.SKIPPED, notice.MessengerState);
    }

    [Fact]
    public void Delivery_on_the_first_attempt_is_SENT_with_one_attempt()
    {
        var notice = NewNotice();

        notice.Delivered(Now.AddSeconds(1));

        Assert.Equal(MessengerState.SENT, notice.MessengerState);
        Assert.Equal(1, notice.Attempts);
        Assert.Equal(Now.AddSeconds(1), notice.SentAt);
        Assert.Null(notice.NextAttemptAt);
    }

    [Fact]
    public void Failures_back_off_exponentially_and_end_FAILED_after_the_configured_attempts()
    {
        var backoff = new DeliveryBackoff(4, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 1.0);
        var notice = NewNotice();
        var at = Now;

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            notice.DeliveryFailed($"503 #{attempt}", permanent: false, at, backoff);
            Assert.Equal(MessengerState.PENDING, notice.MessengerState);
            delays.Add(notice.NextAttemptAt!.Value - at);
            at = notice.NextAttemptAt!.Value;
        }

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], delays);
        notice.DeliveryFailed("503 #4", permanent: false, at, backoff);

        Assert.Equal(MessengerState.FAILED, notice.MessengerState);
        Assert.Equal(4, notice.Attempts);
        Assert.Equal("503 #4", notice.LastError);
        Assert.Null(notice.NextAttemptAt);
    }

    [Fact]
    public void A_FAILED_notice_stays_FAILED()
    {
        var backoff = new DeliveryBackoff(1, TimeSpan.Zero, TimeSpan.Zero);
        var notice = NewNotice();
        notice.DeliveryFailed("down", permanent: false, Now, backoff);

        notice.Delivered(Now.AddMinutes(1));
        notice.DeliveryFailed("again", permanent: false, Now.AddMinutes(2), backoff);

        Assert.Equal(MessengerState.FAILED, notice.MessengerState);
        Assert.Equal(1, notice.Attempts);
        Assert.Equal("down", notice.LastError);
    }

    [Fact]
    public void A_permanent_refusal_ends_FAILED_without_retries()
    {
        var notice = NewNotice();

        notice.DeliveryFailed("400 unknown recipient", permanent: true, Now, new DeliveryBackoff(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));

        Assert.Equal(MessengerState.FAILED, notice.MessengerState);
        Assert.Equal(1, notice.Attempts);
    }

    [Fact]
    public void A_recovery_after_failed_attempts_ends_SENT_and_counts_every_attempt()
    {
        var backoff = new DeliveryBackoff(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var notice = NewNotice();
        notice.DeliveryFailed("503", false, Now, backoff);
        notice.DeliveryFailed("503", false, Now.AddSeconds(5), backoff);

        notice.Delivered(Now.AddSeconds(10));

        Assert.Equal(MessengerState.SENT, notice.MessengerState);
        Assert.Equal(3, notice.Attempts);
    }

    [Fact]
    public void Jitter_keeps_every_delay_between_half_and_all_of_the_exponential_ceiling()
    {
        var random = new Random(42);
        var backoff = new DeliveryBackoff(10, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), random.NextDouble);

        for (var failures = 1; failures <= 9; failures++)
        {
            var ceiling = TimeSpan.FromMilliseconds(Math.Min(30_000, 500 * Math.Pow(2, failures - 1)));
            Assert.Equal(ceiling, backoff.CeilingAfter(failures));
            for (var i = 0; i < 50; i++)
            {
                var delay = backoff.DelayAfter(failures);
                Assert.InRange(delay, ceiling / 2, ceiling);
            }
        }

        Assert.Equal(TimeSpan.FromMilliseconds(250), new DeliveryBackoff(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), () => 0).DelayAfter(1));
    }

    [Fact]
    public void Long_errors_are_cut_to_fit_the_column()
    {
        var notice = NewNotice();

        notice.DeliveryFailed(new string('x', 5_000), false, Now, new DeliveryBackoff(3, TimeSpan.Zero, TimeSpan.Zero));

        Assert.Equal(Notice.MaxErrorLength, notice.LastError!.Length);
    }
}
