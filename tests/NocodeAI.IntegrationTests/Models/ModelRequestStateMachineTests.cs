namespace NocodeAI.IntegrationTests.Models;

/// <summary>The guarded transitions, roles and visibility of model requests, through the gateway (SPEC §4, §5).</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class ModelRequestStateMachineTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Fact]
    public async Task Approve_as_an_analyst_is_FORBIDDEN_and_the_request_stays_REQUESTED()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "approve as analyst");

        GraphQLAssert.Error(await Models.ApproveAsync(DevUser.Analyst, request.Id), "FORBIDDEN");

        Assert.Equal("REQUESTED", (await Models.GetSnapshotAsync(DevUser.Analyst, request.Id)).State);
    }

    [Fact]
    public async Task Approve_puts_the_request_in_the_queue_and_a_second_approve_is_INVALID_STATE_TRANSITION()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "approve twice");
        try
        {
            var approved = (await Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess().Field("approveModel");
            Assert.Equal("APPROVED", approved.RequiredText("state"));
            Assert.True(approved.Number("queuePosition") >= 1, $"an APPROVED request shows its queue position: {approved}");
            Assert.Equal(["REQUESTED", "APPROVED"], approved.Items("history").Select(h => h.RequiredText("state")));
            Assert.Equal("approver", approved.Items("history")[1].RequiredText("by"));

            var again = await Models.ApproveAsync(DevUser.Approver, request.Id);

            var error = GraphQLAssert.Error(again, "INVALID_STATE_TRANSITION");
            // The worker may already have taken the job; either way the request is past REQUESTED.
            Assert.Contains(again.ErrorExtension("currentState"), new[] { "APPROVED", "TRAINING" });
            Assert.Null(again.FieldOrNull("approveModel"));
            Assert.NotNull(error.Path("message"));
        }
        finally
        {
            await Models.CancelQuietlyAsync(request.Id);
        }
    }

    [Fact]
    public async Task Reject_with_an_empty_reason_is_VALIDATION_FAILED_for_reason()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "reject without reason");

        GraphQLAssert.Error(await Models.RejectAsync(DevUser.Approver, request.Id, string.Empty), "VALIDATION_FAILED", "reason");
        GraphQLAssert.Error(await Models.RejectAsync(DevUser.Approver, request.Id, "   "), "VALIDATION_FAILED", "reason");

        Assert.Equal("REQUESTED", (await Models.GetSnapshotAsync(DevUser.Analyst, request.Id)).State);
    }

    [Fact]
    public async Task Reject_ends_REJECTED_with_the_reason_and_nothing_can_follow()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "reject");
        var reason = $"Features leak the label ({Guid.NewGuid():N})";

        var rejected = (await Models.RejectAsync(DevUser.Approver, request.Id, reason)).EnsureSuccess().Field("rejectModel");

        Assert.Equal("REJECTED", rejected.RequiredText("state"));
        Assert.Equal(reason, rejected.RequiredText("reason"));
        var seen = await Models.GetSnapshotAsync(DevUser.Analyst, request.Id);
        Assert.Equal("REJECTED", seen.State);
        Assert.Equal(reason, seen.Node.RequiredText("reason"));
        Assert.Equal(["REQUESTED", "REJECTED"], seen.Node.Items("history").Select(h => h.RequiredText("state")));
        Assert.Equal("approver", seen.Node.Items("history")[1].RequiredText("by"));

        var approve = await Models.ApproveAsync(DevUser.Approver, request.Id);
        GraphQLAssert.Error(approve, "INVALID_STATE_TRANSITION");
        Assert.Equal("REJECTED", approve.ErrorExtension("currentState"));
        var cancel = await Models.CancelAsync(DevUser.Analyst, request.Id);
        GraphQLAssert.Error(cancel, "INVALID_STATE_TRANSITION");
        Assert.Equal("REJECTED", cancel.ErrorExtension("currentState"));
    }

    [Fact]
    public async Task Reject_as_an_analyst_is_FORBIDDEN()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "reject as analyst");

        GraphQLAssert.Error(await Models.RejectAsync(DevUser.Analyst, request.Id, "I changed my mind"), "FORBIDDEN");

        Assert.Equal("REQUESTED", (await Models.GetSnapshotAsync(DevUser.Analyst, request.Id)).State);
    }

    [Fact]
    public async Task Cancel_by_another_analyst_is_NOT_FOUND_because_the_request_is_not_visible_to_them()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "cancel by analyst2");

        GraphQLAssert.Error(await Models.CancelAsync(DevUser.Analyst2, request.Id), "NOT_FOUND");

        Assert.Equal("REQUESTED", (await Models.GetSnapshotAsync(DevUser.Analyst, request.Id)).State);
    }

    [Fact]
    public async Task Cancel_by_the_requester_before_approval_is_immediate()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "cancel by requester");

        var canceled = (await Models.CancelAsync(DevUser.Analyst, request.Id)).EnsureSuccess().Field("cancelModel");

        Assert.Equal("CANCELED", canceled.RequiredText("state"));
        Assert.Equal(["REQUESTED", "CANCELED"], canceled.Items("history").Select(h => h.RequiredText("state")));
        GraphQLAssert.Error(await Models.CancelAsync(DevUser.Analyst, request.Id), "INVALID_STATE_TRANSITION");
    }

    [Fact]
    public async Task Cancel_by_an_admin_cancels_an_approved_request_of_another_user()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "cancel by admin");
        (await Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();

        var canceled = await Models.CancelAsync(DevUser.Admin, request.Id);

        // Before training the cancel is immediate; if the worker already took the job it is CANCELING first.
        var state = canceled.EnsureSuccess().Field("cancelModel").RequiredText("state");
        Assert.Contains(state, new[] { "CANCELED", "CANCELING" });
        var final = await Models.WaitForStateAsync(request.Id, Expectations.TrainingTimeout, "CANCELED", "COMPLETED", "FAILED");
        Assert.Equal("CANCELED", final.State);
        var history = (await Models.GetSnapshotAsync(DevUser.Analyst, request.Id)).Node.Items("history");
        Assert.Contains(history, h => h.RequiredText("by") == "admin" && h.RequiredText("state") is "CANCELED" or "CANCELING");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("malformed")]
    public async Task An_unknown_or_malformed_id_is_NOT_FOUND_for_every_operation(string kind)
    {
        var id = kind == "unknown" ? Guid.NewGuid().ToString() : "not-a-model-request-id";

        GraphQLAssert.Error(await Models.GetAsync(DevUser.Admin, id), "NOT_FOUND");
        GraphQLAssert.Error(await Models.ApproveAsync(DevUser.Approver, id), "NOT_FOUND");
        GraphQLAssert.Error(await Models.RejectAsync(DevUser.Approver, id, "no such request"), "NOT_FOUND");
        GraphQLAssert.Error(await Models.CancelAsync(DevUser.Admin, id), "NOT_FOUND");
    }

    [Fact]
    public async Task Analysts_see_only_their_own_requests_and_approvers_see_everyones()
    {
        var mine = await Models.RequestValidAsync(DevUser.Analyst, "visibility analyst");
        var theirs = await Models.RequestValidAsync(DevUser.Analyst2, "visibility analyst2");

        GraphQLAssert.Error(await Models.GetAsync(DevUser.Analyst2, mine.Id), "NOT_FOUND");
        GraphQLAssert.Error(await Models.GetAsync(DevUser.Analyst, theirs.Id), "NOT_FOUND");

        var analyst2Sees = await ListAsync(DevUser.Analyst2, "first: 100");
        Assert.Contains(theirs.Id, analyst2Sees.Select(n => n.RequiredText("id")));
        Assert.DoesNotContain(mine.Id, analyst2Sees.Select(n => n.RequiredText("id")));
        Assert.All(analyst2Sees, n => Assert.Equal("analyst2", n.RequiredText("requestedBy")));

        var analystAsksForOthers = await ListAsync(DevUser.Analyst, "first: 100, requestedBy: \"analyst2\"");
        Assert.DoesNotContain(analystAsksForOthers, n => n.RequiredText("requestedBy") != "analyst");

        var approverSees = (await ListAsync(DevUser.Approver, "first: 100")).Select(n => n.RequiredText("id")).ToList();
        Assert.Contains(mine.Id, approverSees);
        Assert.Contains(theirs.Id, approverSees);
        Assert.Equal(mine.Id, (await Models.GetSnapshotAsync(DevUser.Approver, mine.Id)).Id);
        Assert.Equal(theirs.Id, (await Models.GetSnapshotAsync(DevUser.Admin, theirs.Id)).Id);

        var onlyAnalyst2 = await ListAsync(DevUser.Approver, "first: 100, requestedBy: \"analyst2\"");
        Assert.Contains(theirs.Id, onlyAnalyst2.Select(n => n.RequiredText("id")));
        Assert.All(onlyAnalyst2, n => Assert.Equal("analyst2", n.RequiredText("requestedBy")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task ModelRequests_with_first_outside_1_to_100_is_VALIDATION_FAILED_for_first(int first)
    {
        var result = await (await _system.ClientAsync(DevUser.Analyst)).SendAsync(
            "query Page($first: Int) { modelRequests(first: $first) { totalCount } }", new { first });

        GraphQLAssert.Error(result, "VALIDATION_FAILED", "first");
    }

    [Fact]
    public async Task Paging_with_first_1_and_after_walks_every_request_once_newest_first()
    {
        var user = await NewAnalystAsync();
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await Models.RequestValidAsync(user, $"paging {i}")).Id);
        }

        var client = await _system.ClientAsync(user);
        var walked = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var result = (await client.SendAsync(
                "query Page($after: String) { modelRequests(first: 1, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
                new { after })).EnsureSuccess();
            var connection = result.Field("modelRequests");
            Assert.Equal(3, connection.Path("totalCount")!.Value.GetInt32());
            var edges = connection.Items("edges");
            Assert.Single(edges);
            walked.Add(edges[0].RequiredText("node.id"));
            Assert.Equal(edges[0].RequiredText("cursor"), connection.RequiredText("pageInfo.endCursor"));
            if (connection.Path("pageInfo.hasNextPage")!.Value.GetBoolean() is false)
            {
                break;
            }

            after = connection.RequiredText("pageInfo.endCursor");
        }

        Assert.Equal(Enumerable.Reverse(created), walked);
    }

    private async Task<IReadOnlyList<JsonElement>> ListAsync(DevUser user, string arguments)
    {
        var result = await (await _system.ClientAsync(user)).SendAsync($"{{ modelRequests({arguments}) {{ totalCount edges {{ node {{ id requestedBy state }} }} }} }}");
        return result.EnsureSuccess().Field("modelRequests").Items("edges").Select(e => e.Path("node")!.Value).ToList();
    }

    /// <summary>A fresh USER, so a list holds exactly what the test created.</summary>
    private async Task<DevUser> NewAnalystAsync()
    {
        var (user, _) = await _system.CreateUserAsync("it", "integration-pass-1");
        return user;
    }
}
