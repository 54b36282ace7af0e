using System.Globalization;
using Microsoft.Extensions.Options;
using NocodeAI.Notices.IntegrationEvents;

namespace NocodeAI.Notices.Notices;

/// <summary>
/// Notice texts, one template per kind and language (Korean by default, English by
/// <c>Notices:Language</c>). Each text names the request and its useful detail: the queue position on
/// approval, the reason on rejection or failure, the AUC (3 decimals) on completion, the target count once
/// extracted and the sent and failed counts once MIDAS reported them.
/// </summary>
public sealed class NoticeTemplates(IOptions<NoticesOptions> options)
{
    private delegate NoticeText Template(Facts facts);

    private static readonly Dictionary<NoticeKind, Template> KoreanTemplates = new()
    {
        [NoticeKind.REQUEST_SUBMITTED] = f => new($"{f.Subject} 접수: {f.Name}", $"'{f.Name}' {f.Subject}이 접수되어 승인을 기다리고 있습니다."),
        [NoticeKind.APPROVAL_REQUESTED] = f => new($"승인 요청: {f.Name}", $"{f.RequestedBy}님이 {f.Subject} '{f.Name}'의 승인을 요청했습니다."),
        [NoticeKind.REQUEST_APPROVED] = f => new(
            $"{f.Subject} 승인: {f.Name}",
            $"'{f.Name}' {f.Subject}이 {f.Actor}님에 의해 승인되었습니다." + (f.QueuePosition is { } p ? $" 학습 대기열 {p}번째입니다." : string.Empty)),
        [NoticeKind.REQUEST_REJECTED] = f => new($"{f.Subject} 반려: {f.Name}", $"'{f.Name}' {f.Subject}이 {f.Actor}님에 의해 반려되었습니다. 사유: {f.Reason}"),
        [NoticeKind.TRAINING_STARTED] = f => new(
            $"모델 학습 시작: {f.Name}",
            $"'{f.Name}' 모델의 학습이 시작되었습니다." + (f.Attempt is > 1 and var a ? $" (재시도 {a}회차)" : string.Empty)),
        [NoticeKind.MODEL_COMPLETED] = f => new($"모델 학습 완료: {f.Name}", $"'{f.Name}' 모델의 학습이 완료되었습니다. AUC {f.Auc}"),
        [NoticeKind.REQUEST_FAILED] = f => new($"{f.Subject} 실패: {f.Name}", $"'{f.Name}' {f.Subject}이 실패했습니다. 사유: {f.Reason}"),
        [NoticeKind.CANCELLATION_REQUESTED] = f => new(
            $"{f.Subject} 취소 중: {f.Name}", $"'{f.Name}' {f.Subject}의 취소가 요청되었습니다. 진행 중인 작업은 다음 확인 지점에서 멈춥니다."),
        [NoticeKind.REQUEST_CANCELED] = f => new(
            $"{f.Subject} 취소: {f.Name}",
            $"'{f.Name}' {f.Subject}이 취소되었습니다." + (f.ResultDiscarded ? " 취소 후 끝난 학습의 결과는 폐기되었습니다." : string.Empty)),
        [NoticeKind.EXTRACTION_STARTED] = f => new(
            $"타깃 추출 시작: {f.Name}",
            $"'{f.Name}' 타깃 추출이 시작되었습니다. 고객 점수를 계산하고 있습니다." + (f.Attempt is > 1 and var a ? $" (재시도 {a}회차)" : string.Empty)),
        [NoticeKind.TARGETS_EXTRACTED] = f => new(
            $"타깃 추출 완료: {f.Name}", $"'{f.Name}' 타깃 {f.TargetCount}명이 추출되었습니다. 이제 MIDAS로 LMS를 발송합니다."),
        [NoticeKind.TARGET_COMPLETED] = f => new(
            $"LMS 발송 완료: {f.Name}", $"'{f.Name}' LMS 발송이 끝났습니다. 성공 {f.Sent}건, 실패 {f.Failed}건."),
    };

    private static readonly Dictionary<NoticeKind, Template> EnglishTemplates = new()
    {
        [NoticeKind.REQUEST_SUBMITTED] = f => new($"{f.SubjectTitle} received: {f.Name}", $"Your {f.Subject} '{f.Name}' was received and is waiting for approval."),
        [NoticeKind.APPROVAL_REQUESTED] = f => new($"Approval needed: {f.Name}", $"{f.RequestedBy} asks for approval of the {f.Subject} '{f.Name}'."),
        [NoticeKind.REQUEST_APPROVED] = f => new(
            $"{f.SubjectTitle} approved: {f.Name}",
            $"'{f.Name}' was approved by {f.Actor}." + (f.QueuePosition is { } p ? $" It is number {p} in the training queue." : string.Empty)),
        [NoticeKind.REQUEST_REJECTED] = f => new($"{f.SubjectTitle} rejected: {f.Name}", $"'{f.Name}' was rejected by {f.Actor}. Reason: {f.Reason}"),
        [NoticeKind.TRAINING_STARTED] = f => new(
            $"Training started: {f.Name}", $"Training of '{f.Name}' has started." + (f.Attempt is > 1 and var a ? $" (attempt {a})" : string.Empty)),
        [NoticeKind.MODEL_COMPLETED] = f => new($"Model ready: {f.Name}", $"Training of '{f.Name}' completed with AUC {f.Auc}."),
        [NoticeKind.REQUEST_FAILED] = f => new($"{f.SubjectTitle} failed: {f.Name}", $"'{f.Name}' failed. Reason: {f.Reason}"),
        [NoticeKind.CANCELLATION_REQUESTED] = f => new(
            $"Cancelling: {f.Name}", $"Cancellation of '{f.Name}' was requested; the running work stops at its next checkpoint."),
        [NoticeKind.REQUEST_CANCELED] = f => new(
            $"{f.SubjectTitle} canceled: {f.Name}",
            $"'{f.Name}' was canceled." + (f.ResultDiscarded ? " The result of the training that finished afterwards was discarded." : string.Empty)),
        [NoticeKind.EXTRACTION_STARTED] = f => new(
            $"Extraction started: {f.Name}",
            $"Scoring customers for '{f.Name}' has started." + (f.Attempt is > 1 and var a ? $" (attempt {a})" : string.Empty)),
        [NoticeKind.TARGETS_EXTRACTED] = f => new(
            $"Targets extracted: {f.Name}", $"'{f.Name}' selected {f.TargetCount} customers; the LMS is being sent through MIDAS."),
        [NoticeKind.TARGET_COMPLETED] = f => new(
            $"LMS sent: {f.Name}", $"The LMS of '{f.Name}' was sent: {f.Sent} delivered, {f.Failed} failed."),
    };

    public string Language => options.Value.Language;

    public NoticeText Render(NoticeKind kind, RequestChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var english = Language == NoticesOptions.English;
        var templates = english ? EnglishTemplates : KoreanTemplates;
        if (!templates.TryGetValue(kind, out var template))
        {
            throw new InvalidOperationException($"No {Language} template for notice kind {kind}.");
        }

        var details = change.Details;
        return template(new Facts(
            Subject: SubjectName(change.Kind, english),
            SubjectTitle: SubjectTitle(change.Kind, english),
            Name: change.Name,
            RequestedBy: change.RequestedBy,
            Actor: change.Actor,
            Reason: string.IsNullOrWhiteSpace(details.Reason) ? "-" : details.Reason.Trim(),
            Auc: details.Auc is { } auc ? auc.ToString("0.000", CultureInfo.InvariantCulture) : "-",
            QueuePosition: details.QueuePosition,
            Attempt: details.Attempt,
            ResultDiscarded: details.ResultDiscarded,
            TargetCount: Count(details.TargetCount),
            Sent: Count(details.Sent),
            Failed: Count(details.Failed)));
    }

    private static string Count(long? value) => value is { } count ? count.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string SubjectName(SubjectType kind, bool english) => (kind, english) switch
    {
        (SubjectType.MODEL_REQUEST, false) => "모델 요청",
        (SubjectType.TARGET_REQUEST, false) => "타깃 추출 요청",
        (SubjectType.MODEL_REQUEST, true) => "model request",
        _ => "target request",
    };

    private static string SubjectTitle(SubjectType kind, bool english) =>
        english ? string.Concat(char.ToUpperInvariant(SubjectName(kind, english)[0]).ToString(), SubjectName(kind, english)[1..]) : SubjectName(kind, english);

    private sealed record Facts(
        string Subject,
        string SubjectTitle,
        string Name,
        string RequestedBy,
        string Actor,
        string Reason,
        string Auc,
        int? QueuePosition,
        int? Attempt,
        bool ResultDiscarded,
        string TargetCount,
        string Sent,
        string Failed);
}
