using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.MyRequests;

namespace NocodeAI.Notices.Tests.Service;

/// <summary>
/// The notices service end to end on real Postgres, NATS JetStream and Redis: model events in, notices,
/// myRequests and SwingChat deliveries out. Each test uses its own request ids.
/// </summary>
public sealed class NoticesServiceTests(NoticesServiceFixture service) : IClassFixture<NoticesServiceFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_model_event_notifies_the_requester_and_a_new_request_also_every_approver()
    {
        var id = Guid.NewGuid();
        var at = DateTime.UtcNow;
        await service.PublishAsync(Changes.Requested(id, "Churn flow", "analyst", at), 1);
        await service.PublishAsync(new ModelApproved(id, "Churn flow", "analyst", "approver", at.AddSeconds(1), 2), 2);
        await service.PublishAsync(new ModelTrainingStarted(id, "Churn flow", "analyst", "system", at.AddSeconds(2), 1), 3);
        await service.PublishAsync(new ModelTrainingProgressed(id, "Churn flow", "analyst", "system", at.AddSeconds(3), TrainingStage.TRAINING, 0.5), 4);
        await service.PublishAsync(new ModelCompleted(id, "Churn flow", "analyst", "system", at.AddSeconds(4), Changes.Metrics(0.91234), "artifact"), 5);

        await service.WaitForMyRequestAsync(id, 5);
        var notices = await service.NoticesAboutAsync(id);

        var toAnalyst = notices.Where(n => n.Recipient == "analyst").Select(n => n.Kind).ToList();
        Assert.Equal([NoticeKind.REQUEST_SUBMITTED, NoticeKind.REQUEST_APPROVED, NoticeKind.TRAINING_STARTED, NoticeKind.MODEL_COMPLETED], toAnalyst);
        Assert.Equal([("admin", NoticeKind.APPROVAL_REQUESTED), ("approver", NoticeKind.APPROVAL_REQUESTED)],
            notices.Where(n => n.Recipient != "analyst").Select(n => (n.Recipient, n.Kind)));
        Assert.DoesNotContain(notices, n => n.SubjectVersion == 4);
        Assert.Contains("AUC 0.912", notices.Single(n => n.Kind == NoticeKind.MODEL_COMPLETED).Body, StringComparison.Ordinal);
        Assert.Contains("2번째", notices.Single(n => n.Kind == NoticeKind.REQUEST_APPROVED).Body, StringComparison.Ordinal);
        Assert.All(notices, n => Assert.Equal(SubjectType.MODEL_REQUEST, n.SubjectType));

        var row = await service.WithDbAsync(db => db.MyRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("COMPLETED", 1.0, 5L), (row.State, row.Progress, row.LastVersion));

        // The analyst's list, newest first, tells the steps in the reverse of the order they happened,
        // also when several of them were written in one run (the five events are published back to back).
        var listed = await service.GraphQLAsync("analyst", "{ notices(first: 100) { edges { node { subjectId kind } } } }");
        var newestFirst = listed.GetProperty("data").GetProperty("notices").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node"))
            .Where(n => n.GetProperty("subjectId").GetString() == id.ToString())
            .Select(n => n.GetProperty("kind").GetString());
        Assert.Equal(["MODEL_COMPLETED", "TRAINING_STARTED", "REQUEST_APPROVED", "REQUEST_SUBMITTED"], newestFirst);

        var seenByAnalyst2 = await service.GraphQLAsync("analyst2", "{ notices(first: 100) { edges { node { subjectId } } } }");
        Assert.DoesNotContain(id.ToString(), seenByAnalyst2.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejection_failure_and_cancellation_each_tell_the_requester_why()
    {
        var rejected = Guid.NewGuid();
        var failed = Guid.NewGuid();
        var canceled = Guid.NewGuid();
        var at = DateTime.UtcNow;
        await service.PublishAsync(Changes.Requested(rejected, "Rejected one", "analyst2", at), 1);
        await service.PublishAsync(new ModelRejected(rejected, "Rejected one", "analyst2", "approver", at, "Label leak"), 2);
        await service.PublishAsync(Changes.Requested(failed, "Failed one", "analyst2", at), 1);
        await service.PublishAsync(new ModelApproved(failed, "Failed one", "analyst2", "admin", at, 1), 2);
        await service.PublishAsync(new ModelFailed(failed, "Failed one", "analyst2", "system", at, "Warehouse unreachable"), 3);
        await service.PublishAsync(Changes.Requested(canceled, "Canceled one", "analyst2", at), 1);
        await service.PublishAsync(new ModelApproved(canceled, "Canceled one", "analyst2", "admin", at, 1), 2);
        await service.PublishAsync(new ModelTrainingStarted(canceled, "Canceled one", "analyst2", "system", at, 1), 3);
        await service.PublishAsync(new ModelCancellationRequested(canceled, "Canceled one", "analyst2", "analyst2", at), 4);
        await service.PublishAsync(new ModelCanceled(canceled, "Canceled one", "analyst2", "system", at, ArtifactDiscarded: true), 5);

        await service.WaitForMyRequestAsync(canceled, 5);
        await service.WaitForMyRequestAsync(failed, 3);
        await service.WaitForMyRequestAsync(rejected, 2);

        var rejection = (await service.NoticesAboutAsync(rejected)).Single(n => n.Kind == NoticeKind.REQUEST_REJECTED);
        Assert.Equal("analyst2", rejection.Recipient);
        Assert.Contains("Label leak", rejection.Body, StringComparison.Ordinal);
        var failure = (await service.NoticesAboutAsync(failed)).Single(n => n.Kind == NoticeKind.REQUEST_FAILED);
        Assert.Contains("Warehouse unreachable", failure.Body, StringComparison.Ordinal);
        var cancel = (await service.NoticesAboutAsync(canceled)).Where(n => n.Recipient == "analyst2").Select(n => n.Kind).ToList();
        Assert.Equal([NoticeKind.REQUEST_SUBMITTED, NoticeKind.REQUEST_APPROVED, NoticeKind.TRAINING_STARTED, NoticeKind.CANCELLATION_REQUESTED, NoticeKind.REQUEST_CANCELED], cancel);
        Assert.Contains("폐기", (await service.NoticesAboutAsync(canceled)).Single(n => n.Kind == NoticeKind.REQUEST_CANCELED).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicated_event_yields_one_notice_and_a_stale_one_changes_nothing()
    {
        var id = Guid.NewGuid();
        var at = DateTime.UtcNow;
        await service.PublishAsync(Changes.Requested(id, "Dup", "analyst", at), 1);
        var approved = await service.PublishAsync(new ModelApproved(id, "Dup", "analyst", "approver", at.AddSeconds(1), 1), 2);
        // The same envelope stored twice (another Nats-Msg-Id, as after a publisher retry past the
        // duplicate window), the same change under a new envelope id, and a stale older change.
        await service.PublishAsync(approved, Subjects.ForEvent<ModelApproved>(), natsMsgId: $"{approved.Id}-again");
        await service.PublishAsync(new ModelApproved(id, "Dup", "analyst", "approver", at.AddSeconds(1), 1), 2, envelopeId: Guid.NewGuid());
        await service.PublishAsync(new ModelRejected(id, "Dup", "analyst", "approver", at.AddSeconds(2), "stale"), 2);
        await service.PublishAsync(new ModelTrainingStarted(id, "Dup", "analyst", "system", at.AddSeconds(3), 1), 3);

        await service.WaitForMyRequestAsync(id, 3);

        var notices = await service.NoticesAboutAsync(id);
        Assert.Single(notices, n => n.Kind == NoticeKind.REQUEST_APPROVED);
        Assert.DoesNotContain(notices, n => n.Kind == NoticeKind.REQUEST_REJECTED);
        Assert.Equal([NoticeKind.REQUEST_SUBMITTED, NoticeKind.REQUEST_APPROVED, NoticeKind.TRAINING_STARTED],
            notices.Where(n => n.Recipient == "analyst").Select(n => n.Kind));
        Assert.Equal(2, notices.Count(n => n.Kind == NoticeKind.APPROVAL_REQUESTED));
        var row = await service.WithDbAsync(db => db.MyRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("TRAINING", 3L), (row.State, row.LastVersion));
        var approvedNotice = notices.Single(n => n.Kind == NoticeKind.REQUEST_APPROVED);
        await NoticesFacts.EventuallyAllAsync(service, id, n => n.MessengerState == MessengerState.SENT, Timeout, "every notice to be SENT");
        Assert.Single(service.SwingChat.CallsFor(approvedNotice.Id));
    }

    [Fact]
    public async Task With_SwingChat_down_notices_are_stored_retried_and_end_FAILED_and_after_recovery_pending_ones_are_SENT()
    {
        service.SwingChat.Status = 503;
        try
        {
            var down = Guid.NewGuid();
            await service.PublishAsync(Changes.Requested(down, "During outage", "analyst", DateTime.UtcNow), 1);
            await service.WaitForMyRequestAsync(down, 1);

            var stored = await service.GraphQLAsync("analyst", "{ notices(first: 100) { edges { node { subjectId kind messenger { state attempts } } } } }");
            Assert.Contains(down.ToString(), stored.GetRawText(), StringComparison.Ordinal);

            await NoticesFacts.EventuallyAllAsync(service, down, n => n.MessengerState == MessengerState.FAILED, Timeout, "every notice to end FAILED");
            var failed = await service.NoticesAboutAsync(down);
            Assert.Equal(3, failed.Count);
            Assert.All(failed, n =>
            {
                Assert.Equal(NoticesServiceFixture.MaxAttempts, n.Attempts);
                Assert.Contains("503", n.LastError, StringComparison.Ordinal);
                Assert.Equal(NoticesServiceFixture.MaxAttempts, service.SwingChat.CallsFor(n.Id).Count);
            });

            var later = Guid.NewGuid();
            await service.PublishAsync(Changes.Requested(later, "Before recovery", "analyst", DateTime.UtcNow), 1);
            await NoticesFacts.EventuallyAllAsync(service, later, n => n.Attempts >= 1, Timeout, "a first failed attempt");
            Assert.All(await service.NoticesAboutAsync(later), n => Assert.Equal(MessengerState.PENDING, n.MessengerState));

            service.SwingChat.Status = 200;

            await NoticesFacts.EventuallyAllAsync(service, later, n => n.MessengerState == MessengerState.SENT, Timeout, "the pending notices to be SENT after recovery");
            var sent = await service.NoticesAboutAsync(later);
            Assert.All(sent, n => Assert.Single(service.SwingChat.CallsFor(n.Id), c => c.AnsweredStatus == 200));
            Assert.All(sent, n => Assert.All(service.SwingChat.CallsFor(n.Id), c => Assert.Equal($"Bearer {NoticesServiceFixture.SwingChatToken}", c.Authorization)));

            // A notice stored now is sent by a delivery round that starts after the ones above; once it is
            // SENT, that round has passed over the FAILED notices as well.
            var marker = Guid.NewGuid();
            await service.PublishAsync(Changes.Requested(marker, "After recovery", "analyst", DateTime.UtcNow), 1);
            await NoticesFacts.EventuallyAllAsync(service, marker, n => n.MessengerState == MessengerState.SENT, Timeout, "a notice stored after recovery to be SENT");
            Assert.All(await service.NoticesAboutAsync(down), n =>
            {
                Assert.Equal(MessengerState.FAILED, n.MessengerState);
                Assert.Equal(NoticesServiceFixture.MaxAttempts, service.SwingChat.CallsFor(n.Id).Count);
            });
        }
        finally
        {
            service.SwingChat.Status = 200;
        }
    }

    [Fact]
    public async Task markNoticesRead_marks_only_the_callers_own_unread_notices_and_counts_them()
    {
        var id = Guid.NewGuid();
        await service.PublishAsync(Changes.Requested(id, "Read me", "analyst2", DateTime.UtcNow), 1);
        await service.PublishAsync(new ModelRejected(id, "Read me", "analyst2", "approver", DateTime.UtcNow, "no"), 2);
        await service.WaitForMyRequestAsync(id, 2);
        var notices = await service.NoticesAboutAsync(id);
        var own = notices.Where(n => n.Recipient == "analyst2").Select(n => n.Id.ToString()).ToList();
        var approvers = notices.Single(n => n.Recipient == "approver").Id.ToString();

        var marked = await service.GraphQLAsync("analyst2", "mutation($ids: [ID!]) { markNoticesRead(ids: $ids) }",
            new { ids = new[] { own[0], approvers, Guid.NewGuid().ToString(), "not-an-id" } });
        var again = await service.GraphQLAsync("analyst2", "mutation($ids: [ID!]) { markNoticesRead(ids: $ids) }", new { ids = new[] { own[0] } });

        Assert.Equal(1, marked.GetProperty("data").GetProperty("markNoticesRead").GetInt32());
        Assert.Equal(0, again.GetProperty("data").GetProperty("markNoticesRead").GetInt32());
        Assert.Null((await service.WithDbAsync(db => db.Notices.AsNoTracking().SingleAsync(n => n.Id == Guid.Parse(approvers)))).ReadAt);

        var unread = (await service.GraphQLAsync("analyst2", "{ unreadNoticeCount }")).GetProperty("data").GetProperty("unreadNoticeCount").GetInt32();
        Assert.True(unread >= 1);
        var all = await service.GraphQLAsync("analyst2", "mutation { markNoticesRead }");
        Assert.Equal(unread, all.GetProperty("data").GetProperty("markNoticesRead").GetInt32());
        Assert.Equal(0, (await service.GraphQLAsync("analyst2", "{ unreadNoticeCount }")).GetProperty("data").GetProperty("unreadNoticeCount").GetInt32());
        var unreadList = await service.GraphQLAsync("analyst2", "{ notices(unreadOnly: true) { totalCount } }");
        Assert.Equal(0, unreadList.GetProperty("data").GetProperty("notices").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task myRequests_shows_a_USER_their_own_and_an_APPROVER_everything_newest_change_first()
    {
        var mine = Guid.NewGuid();
        var theirs = Guid.NewGuid();
        var at = DateTime.UtcNow.AddSeconds(30);
        await service.PublishAsync(Changes.Requested(theirs, "Theirs", "analyst2", at), 1);
        await service.PublishAsync(Changes.Requested(mine, "Mine", "analyst", at.AddSeconds(1)), 1);
        await service.WaitForMyRequestAsync(mine, 1);
        await service.WaitForMyRequestAsync(theirs, 1);
        const string Query = "query($kind: SubjectType) { myRequests(kind: $kind, first: 100) { totalCount edges { node { id kind name state progress updatedAt } } } }";

        var analyst = await service.GraphQLAsync("analyst", Query, new { kind = "MODEL_REQUEST" });
        var approver = await service.GraphQLAsync("approver", Query);
        var targets = await service.GraphQLAsync("approver", Query, new { kind = "TARGET_REQUEST" });

        var analystIds = Ids(analyst);
        Assert.Contains(mine.ToString(), analystIds);
        Assert.DoesNotContain(theirs.ToString(), analystIds);
        var approverIds = Ids(approver);
        Assert.True(approverIds.IndexOf(mine.ToString()) < approverIds.IndexOf(theirs.ToString()), "newest change first");
        Assert.Empty(Ids(targets));
        var node = analyst.GetProperty("data").GetProperty("myRequests").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node")).Single(n => n.GetProperty("id").GetString() == mine.ToString());
        Assert.Equal(("MODEL_REQUEST", "Mine", "REQUESTED", 0.0), (node.GetProperty("kind").GetString(), node.GetProperty("name").GetString(), node.GetProperty("state").GetString(), node.GetProperty("progress").GetDouble()));
    }

    [Fact]
    public async Task A_mutation_whose_text_was_cached_from_a_POST_is_still_refused_over_GET()
    {
        // Unique text, so this test's POST is what puts it in the document cache.
        var mutation = $"mutation CachedThenGet{Guid.NewGuid():N} {{ markNoticesRead(ids: []) }}";
        var posted = await service.GraphQLAsync("analyst", mutation);
        Assert.Equal(0, posted.GetProperty("data").GetProperty("markNoticesRead").GetInt32());

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/graphql?query=" + Uri.EscapeDataString(mutation), UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", service.TokenFor("analyst"));
        using var response = await service.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.DoesNotContain("markNoticesRead\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_whose_text_was_cached_is_still_held_to_the_complexity_limit_with_other_variables()
    {
        var query = $"query CachedThenCostly{Guid.NewGuid():N}($n: Int) {{ notices(first: $n) {{ edges {{ node {{ id kind title }} }} }} }}";
        var cheap = await service.GraphQLAsync("analyst", query, new { n = 5 });
        Assert.Equal(JsonValueKind.Array, cheap.GetProperty("data").GetProperty("notices").GetProperty("edges").ValueKind);

        // The same text again, now asking for a million rows: refused before it runs, as uncached it would be.
        var costly = await service.GraphQLAsync("analyst", query, new { n = 1_000_000 }, allowErrors: true);

        var error = Assert.Single(costly.GetProperty("errors").EnumerateArray());
        Assert.Contains("too complex", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(costly.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, costly.GetRawText());
    }

    [Fact]
    public async Task The_rebuilt_myRequests_equals_the_live_projection()
    {
        var id = Guid.NewGuid();
        var at = DateTime.UtcNow;
        await service.PublishAsync(Changes.Requested(id, "Rebuild", "analyst", at), 1);
        await service.PublishAsync(new ModelApproved(id, "Rebuild", "analyst", "approver", at.AddSeconds(1), 1), 2);
        await service.PublishAsync(new ModelTrainingStarted(id, "Rebuild", "analyst", "system", at.AddSeconds(2), 1), 3);
        for (var v = 4; v <= 8; v++)
        {
            await service.PublishAsync(new ModelTrainingProgressed(id, "Rebuild", "analyst", "system", at.AddSeconds(v), TrainingStage.TRAINING, v / 10.0), v);
        }

        await service.PublishAsync(new ModelTrainingProgressed(id, "Rebuild", "analyst", "system", at.AddSeconds(5), TrainingStage.TRAINING, 0.99), 6);
        await service.PublishAsync(new ModelTrainingProgressed(id, "Rebuild", "analyst", "system", at.AddSeconds(9), TrainingStage.EVALUATING, 0.9), 9);
        await service.WaitForMyRequestAsync(id, 9);
        var live = await SnapshotAsync();

        var result = await service.Host.Services.GetRequiredService<MyRequestsRebuilder>().RebuildAsync(CancellationToken.None);

        var rebuilt = await SnapshotAsync();
        Assert.Equal(live.Count, result.Rows);
        Assert.Equal(live, rebuilt);
        Assert.Contains(rebuilt, r => r.Id == id && r.State == "TRAINING" && Math.Abs(r.Progress - 0.9) < 1e-9 && r.LastVersion == 9);
    }

    [Fact]
    public async Task A_run_of_changes_with_a_repeat_and_a_stale_one_writes_each_notice_once_and_keeps_the_newest_row()
    {
        var id = Guid.NewGuid();
        var at = DateTime.UtcNow;
        var approved = new ModelApproved(id, "Run", "analyst", "approver", at.AddSeconds(1), 1);
        // As a consumer hands a batch to the processor: one run, one read of rows and notice ids, one save.
        RequestChange[] run =
        [
            Changes.Change(Changes.Requested(id, "Run", "analyst", at), 1),
            Changes.Change(approved, 2),
            Changes.Change(approved, 2),
            Changes.Change(new ModelTrainingStarted(id, "Run", "analyst", "system", at.AddSeconds(2), 1), 3),
            Changes.Change(new ModelRejected(id, "Run", "analyst", "approver", at.AddSeconds(3), "stale"), 2),
        ];
        await using (var scope = service.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RequestChangeProcessor>().ProcessAsync(run, CancellationToken.None);
        }

        var notices = await service.NoticesAboutAsync(id);
        Assert.Equal([NoticeKind.REQUEST_SUBMITTED, NoticeKind.REQUEST_APPROVED, NoticeKind.TRAINING_STARTED],
            notices.Where(n => n.Recipient == "analyst").Select(n => n.Kind));
        Assert.Equal(["admin", "approver"], notices.Where(n => n.Kind == NoticeKind.APPROVAL_REQUESTED).Select(n => n.Recipient).Order(StringComparer.Ordinal));
        var row = await service.WithDbAsync(db => db.MyRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("TRAINING", 3L), (row.State, row.LastVersion));

        // The same run again (a redelivered batch whose inbox rows were pruned) adds nothing.
        await using (var scope = service.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RequestChangeProcessor>().ProcessAsync(run, CancellationToken.None);
        }

        Assert.Equal(notices.Select(n => n.Id).Order(), (await service.NoticesAboutAsync(id)).Select(n => n.Id).Order());
    }

    [Fact]
    public async Task A_myRequests_write_never_moves_a_row_back_to_an_older_version()
    {
        // The consumer writes the rows it read and changed; a rebuild may have moved a row on since.
        var id = Guid.NewGuid();
        var at = Changes.Now; // whole seconds: PostgreSQL keeps microseconds, DateTime.UtcNow has ticks
        var requested = MyRequest.From(Changes.Change(Changes.Requested(id, "Guarded", "analyst", at), 1));
        var approved = MyRequest.From(Changes.Change(new ModelApproved(id, "Guarded", "analyst", "approver", at.AddSeconds(1), 1), 2));
        var rejected = MyRequest.From(Changes.Change(new ModelRejected(id, "Guarded", "analyst", "approver", at.AddSeconds(1), "late"), 2));
        var trainingStarted = MyRequest.From(Changes.Change(new ModelTrainingStarted(id, "Guarded", "analyst", "system", at.AddSeconds(2), 1), 3));
        Task WriteAsync(MyRequest row) => service.WithDbAsync(async db => { await db.UpsertAsync([row], CancellationToken.None); return true; });

        await WriteAsync(approved);
        await WriteAsync(requested);
        await WriteAsync(rejected);
        var kept = await service.WithDbAsync(db => db.MyRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("APPROVED", 2L, at.AddSeconds(1)), (kept.State, kept.LastVersion, kept.UpdatedAt));

        await WriteAsync(trainingStarted);
        var moved = await service.WithDbAsync(db => db.MyRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("TRAINING", 3L), (moved.State, moved.LastVersion));
    }

    [Fact]
    public async Task An_event_older_than_MaxEventAge_updates_myRequests_but_writes_no_notice()
    {
        var id = Guid.NewGuid();

        await service.PublishAsync(Changes.Requested(id, "Ancient", "analyst", DateTime.UtcNow.AddDays(-30)), 1);

        await service.WaitForMyRequestAsync(id, 1);
        Assert.Empty(await service.NoticesAboutAsync(id));
    }

    private static List<string> Ids(JsonElement result) =>
        result.GetProperty("data").GetProperty("myRequests").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();

    private Task<List<(Guid Id, SubjectType Kind, string Name, string State, double Progress, string RequestedBy, DateTime UpdatedAt, long LastVersion)>> SnapshotAsync() =>
        service.WithDbAsync(async db => (await db.MyRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => (r.Id, r.Kind, r.Name, r.State, r.Progress, r.RequestedBy, r.UpdatedAt, r.LastVersion)).ToList());
}

internal static class NoticesFacts
{
    public static Task EventuallyAllAsync(NoticesServiceFixture service, Guid subjectId, Func<Notice, bool> condition, TimeSpan timeout, string what) =>
        NoticesServiceFixture.EventuallyAsync(async () =>
        {
            var notices = await service.NoticesAboutAsync(subjectId);
            return notices.Count > 0 && notices.All(condition);
        }, timeout, what);
}
