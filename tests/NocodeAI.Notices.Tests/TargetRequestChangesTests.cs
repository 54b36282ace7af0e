using Microsoft.Extensions.Options;
using NocodeAI.Notices.IntegrationEvents.EventHandling;
using NocodeAI.Notices.MyRequests;
using NocodeAI.Targets.Contracts;

namespace NocodeAI.Notices.Tests;

/// <summary>Each target event maps to the state, progress and notice it stands for, and its notice says what happened.</summary>
public sealed class TargetRequestChangesTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTime Now = Changes.Now;

    private static NoticeTemplates Templates(string language) => new(Options.Create(new NoticesOptions { Language = language }));

    private static RequestChange Change(TargetRequestEvent e, long version)
    {
        var envelope = EventEnvelope.Create(e, e.TargetRequestId.ToString(), version, new MessageContext(), null, new DateTimeOffset(e.OccurredAt));
        return e switch
        {
            TargetRequested r => TargetRequestChanges.Requested(r, envelope),
            TargetApproved r => TargetRequestChanges.Approved(r, envelope),
            TargetRejected r => TargetRequestChanges.Rejected(r, envelope),
            TargetExtractionStarted r => TargetRequestChanges.ExtractionStarted(r, envelope),
            TargetExtracted r => TargetRequestChanges.Extracted(r, envelope),
            TargetDispatchStarted r => TargetRequestChanges.DispatchStarted(r, envelope),
            TargetCompleted r => TargetRequestChanges.Completed(r, envelope),
            TargetFailed r => TargetRequestChanges.Failed(r, envelope),
            TargetCanceled r => TargetRequestChanges.Canceled(r, envelope),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name),
        };
    }

    private static TargetRequested Requested() =>
        new(Id, "Churn LMS", "analyst", "analyst", Now, Guid.NewGuid(), new TargetCriteria(1000, null), "[NocodeAI] 혜택 안내");

    public static TheoryData<TargetRequestEvent, string, NoticeKind?, double?> Events => new()
    {
        { Requested(), "REQUESTED", NoticeKind.REQUEST_SUBMITTED, 0 },
        { new TargetApproved(Id, "n", "analyst", "approver", Now), "APPROVED", NoticeKind.REQUEST_APPROVED, null },
        { new TargetRejected(Id, "n", "analyst", "approver", Now, "too broad"), "REJECTED", NoticeKind.REQUEST_REJECTED, null },
        { new TargetExtractionStarted(Id, "n", "analyst", "system", Now, 1), "EXTRACTING", NoticeKind.EXTRACTION_STARTED, 0 },
        { new TargetExtracted(Id, "n", "analyst", "system", Now, 1000, new ScoreSummary(0.5, 0.99, 0.7, 0.68, 0.9)), "EXTRACTED", NoticeKind.TARGETS_EXTRACTED, 1 },
        { new TargetDispatchStarted(Id, "n", "analyst", "system", Now), "DISPATCHING", null, null },
        { new TargetCompleted(Id, "n", "analyst", "system", Now, ["m-1"], 998, 2), "COMPLETED", NoticeKind.TARGET_COMPLETED, 1 },
        { new TargetFailed(Id, "n", "analyst", "system", Now, "MIDAS: gave up after 5 attempts"), "FAILED", NoticeKind.REQUEST_FAILED, null },
        { new TargetCanceled(Id, "n", "analyst", "analyst", Now), "CANCELED", NoticeKind.REQUEST_CANCELED, 0 },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_target_event_maps_to_its_state_notice_and_progress(TargetRequestEvent e, string state, NoticeKind? notice, double? progress)
    {
        var change = Change(e, 5);

        Assert.Equal(SubjectType.TARGET_REQUEST, change.Kind);
        Assert.Equal(Id, change.RequestId);
        Assert.Equal(5, change.Version);
        Assert.Equal(state, change.State);
        Assert.Equal(notice, change.Notice);
        Assert.Equal(progress, change.Progress);
    }

    [Theory]
    [InlineData("ko", "타깃 추출 완료: Churn LMS", "'Churn LMS' 타깃 12,500명이 추출되었습니다. 이제 MIDAS로 LMS를 발송합니다.")]
    [InlineData("en", "Targets extracted: Churn LMS", "'Churn LMS' selected 12,500 customers; the LMS is being sent through MIDAS.")]
    public void Extraction_names_the_target_count(string language, string title, string body)
    {
        var change = Change(new TargetExtracted(Id, "Churn LMS", "analyst", "system", Now, 12_500, null), 4);

        var text = Templates(language).Render(NoticeKind.TARGETS_EXTRACTED, change);

        Assert.Equal(title, text.Title);
        Assert.Equal(body, text.Body);
    }

    [Theory]
    [InlineData("ko", "'Churn LMS' LMS 발송이 끝났습니다. 성공 1,198건, 실패 2건.")]
    [InlineData("en", "The LMS of 'Churn LMS' was sent: 1,198 delivered, 2 failed.")]
    public void Completion_names_the_sent_and_failed_counts(string language, string body)
    {
        var change = Change(new TargetCompleted(Id, "Churn LMS", "analyst", "system", Now, ["m-1", "m-2"], 1198, 2), 7);

        Assert.Equal(body, Templates(language).Render(NoticeKind.TARGET_COMPLETED, change).Body);
    }

    [Theory]
    [InlineData("ko", "타깃 추출 요청 실패: Churn LMS", "'Churn LMS' 타깃 추출 요청이 실패했습니다. 사유: MIDAS: gave up after 5 attempts")]
    [InlineData("en", "Target request failed: Churn LMS", "'Churn LMS' failed. Reason: MIDAS: gave up after 5 attempts")]
    public void A_failed_dispatch_names_the_reason(string language, string title, string body)
    {
        var change = Change(new TargetFailed(Id, "Churn LMS", "analyst", "system", Now, "MIDAS: gave up after 5 attempts"), 6);

        var text = Templates(language).Render(NoticeKind.REQUEST_FAILED, change);

        Assert.Equal(title, text.Title);
        Assert.Equal(body, text.Body);
    }

    [Fact]
    public void A_target_request_in_myRequests_follows_its_events_in_version_order()
    {
        var row = MyRequest.From(Change(Requested(), 1));
        Assert.True(row.Apply(Change(new TargetExtractionStarted(Id, "Churn LMS", "analyst", "system", Now, 1), 3)));
        Assert.False(row.Apply(Change(new TargetApproved(Id, "Churn LMS", "analyst", "approver", Now), 2)));
        Assert.True(row.Apply(Change(new TargetCompleted(Id, "Churn LMS", "analyst", "system", Now, ["m-1"], 10, 0), 6)));

        Assert.Equal(SubjectType.TARGET_REQUEST, row.Kind);
        Assert.Equal("COMPLETED", row.State);
        Assert.Equal(1, row.Progress);
        Assert.Equal(6, row.LastVersion);
    }
}
