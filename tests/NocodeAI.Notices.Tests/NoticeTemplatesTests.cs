using Microsoft.Extensions.Options;

namespace NocodeAI.Notices.Tests;

public sealed class NoticeTemplatesTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static NoticeTemplates Templates(string language) => new(Options.Create(new NoticesOptions { Language = language }));

    [Fact]
    public void Korean_is_the_default_language()
    {
        Assert.Equal("ko", new NoticesOptions().Language);
    }

    [Fact]
    public void Completion_names_the_model_and_its_AUC_with_three_decimals_in_Korean_and_English()
    {
        var change = Changes.Change(new ModelCompleted(Id, "Churn Q4", "analyst", "system", Changes.Now, Changes.Metrics(0.85674), "artifact"), 5);

        var ko = Templates("ko").Render(NoticeKind.MODEL_COMPLETED, change);
        var en = Templates("en").Render(NoticeKind.MODEL_COMPLETED, change);

        Assert.Equal("모델 학습 완료: Churn Q4", ko.Title);
        Assert.Equal("'Churn Q4' 모델의 학습이 완료되었습니다. AUC 0.857", ko.Body);
        Assert.Equal("Model ready: Churn Q4", en.Title);
        Assert.Equal("Training of 'Churn Q4' completed with AUC 0.857.", en.Body);
    }

    [Theory]
    [InlineData("ko", "'Churn Q4' 모델 요청이 approver님에 의해 반려되었습니다. 사유: Features leak the label")]
    [InlineData("en", "'Churn Q4' was rejected by approver. Reason: Features leak the label")]
    public void Rejection_names_the_approver_and_the_reason(string language, string body)
    {
        var change = Changes.Change(new ModelRejected(Id, "Churn Q4", "analyst", "approver", Changes.Now, "Features leak the label"), 2);

        Assert.Equal(body, Templates(language).Render(NoticeKind.REQUEST_REJECTED, change).Body);
    }

    [Theory]
    [InlineData("ko", "모델 요청 실패: Churn Q4", "'Churn Q4' 모델 요청이 실패했습니다. 사유: Out of memory")]
    [InlineData("en", "Model request failed: Churn Q4", "'Churn Q4' failed. Reason: Out of memory")]
    public void Failure_names_the_reason(string language, string title, string body)
    {
        var text = Templates(language).Render(NoticeKind.REQUEST_FAILED, Changes.Change(new ModelFailed(Id, "Churn Q4", "analyst", "system", Changes.Now, "Out of memory"), 4));

        Assert.Equal(title, text.Title);
        Assert.Equal(body, text.Body);
    }

    [Theory]
    [InlineData("ko", "학습 대기열 3번째입니다.")]
    [InlineData("en", "It is number 3 in the training queue.")]
    public void Approval_names_the_queue_position(string language, string expected)
    {
        var change = Changes.Change(new ModelApproved(Id, "Churn Q4", "analyst", "approver", Changes.Now, 3), 2);

        var text = Templates(language).Render(NoticeKind.REQUEST_APPROVED, change);

        Assert.Contains("Churn Q4", text.Title, StringComparison.Ordinal);
        Assert.EndsWith(expected, text.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ko", "승인 요청: Churn Q4", "analyst님이 모델 요청 'Churn Q4'의 승인을 요청했습니다.")]
    [InlineData("en", "Approval needed: Churn Q4", "analyst asks for approval of the model request 'Churn Q4'.")]
    public void Approvers_are_told_who_asks_for_what(string language, string title, string body)
    {
        var text = Templates(language).Render(NoticeKind.APPROVAL_REQUESTED, Changes.Change(Changes.Requested(Id), 1));

        Assert.Equal(title, text.Title);
        Assert.Equal(body, text.Body);
    }

    [Fact]
    public void A_cancel_whose_training_finished_anyway_says_the_result_was_discarded()
    {
        var change = Changes.Change(new ModelCanceled(Id, "Churn Q4", "analyst", "system", Changes.Now, ArtifactDiscarded: true), 6);

        Assert.Contains("폐기", Templates("ko").Render(NoticeKind.REQUEST_CANCELED, change).Body, StringComparison.Ordinal);
        Assert.Contains("discarded", Templates("en").Render(NoticeKind.REQUEST_CANCELED, change).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ko")]
    [InlineData("en")]
    public void Every_notice_kind_has_a_template_that_names_the_request(string language)
    {
        var change = Changes.Change(Changes.Requested(Id, name: "Named request"), 1) with { Details = new NoticeDetails(0.9, "why", 1, 2) };
        foreach (var kind in Enum.GetValues<NoticeKind>())
        {
            var text = Templates(language).Render(kind, change);

            Assert.Contains("Named request", text.Title, StringComparison.Ordinal);
            Assert.Contains("Named request", text.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_target_request_is_named_as_such()
    {
        var change = Changes.Change(Changes.Requested(Id), 1) with { Kind = SubjectType.TARGET_REQUEST };

        Assert.Equal("타깃 추출 요청 접수: Churn Q4", Templates("ko").Render(NoticeKind.REQUEST_SUBMITTED, change).Title);
        Assert.Equal("Target request received: Churn Q4", Templates("en").Render(NoticeKind.REQUEST_SUBMITTED, change).Title);
    }
}
