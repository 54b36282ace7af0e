namespace NocodeAI.IntegrationTests.Targets;

/// <summary>The target saga through the gateway (issue 4): extraction with a trained model and bulk LMS through MIDAS.</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class TargetFlowTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);
    private readonly TargetRequestsApi _targets = new(system);

    [Fact]
    public async Task A_completed_model_leads_to_COMPLETED_with_every_member_sent_once()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        var id = await _targets.RequestValidAsync(model, topN: 2500);
        (await _targets.ApproveAsync(id)).EnsureSuccess();

        var done = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED");

        Assert.True(done.GetProperty("state").GetString() == "COMPLETED", done.ToString());
        Assert.Equal(2500, done.GetProperty("targetCount").GetInt32());
        var dispatch = done.GetProperty("dispatch");
        Assert.Equal(2500, dispatch.GetProperty("sent").GetInt32() + dispatch.GetProperty("failed").GetInt32());
        Assert.Equal(3, dispatch.GetProperty("midasJobIds").GetArrayLength());
        var summary = done.GetProperty("scoreSummary");
        Assert.True(summary.GetProperty("min").GetDouble() <= summary.GetProperty("p50").GetDouble());
        Assert.True(summary.GetProperty("p90").GetDouble() <= summary.GetProperty("max").GetDouble());
        Assert.Equal(2500, await _targets.MemberCountAsync(id));
        var (keys, recipients) = await _targets.MidasReceivedAsync(id);
        Assert.Equal(3, keys.Count);
        Assert.All(keys.Values, count => Assert.Equal(1, count));
        Assert.Equal(2500, recipients);
    }

    [Fact]
    public async Task A_model_still_training_is_refused_with_MODEL_NOT_READY()
    {
        var model = await _system.Models.RequestValidAsync(DevUser.Analyst, "targets not ready");
        try
        {
            // REQUESTED is "not COMPLETED" just as TRAINING is; the replica learns it from ModelRequested.
            var result = await WaitForReplicaAsync(() => _targets.RequestAsync(DevUser.Analyst, model.Id), "MODEL_NOT_READY");
            GraphQLAssert.Error(result, "MODEL_NOT_READY");
        }
        finally
        {
            await _system.Models.CancelQuietlyAsync(model.Id);
        }
    }

    [Fact]
    public async Task An_unknown_model_is_NOT_FOUND_and_bad_input_names_its_field()
    {
        GraphQLAssert.Error(await _targets.RequestAsync(DevUser.Analyst, Guid.NewGuid().ToString()), "NOT_FOUND");
        var model = await _targets.CompletedModelAsync();
        GraphQLAssert.Error(await _targets.RequestAsync(DevUser.Analyst, model, topN: null, minScore: null), "VALIDATION_FAILED", "topN");
        GraphQLAssert.Error(await _targets.RequestAsync(DevUser.Analyst, model, message: new string('가', 1001)), "VALIDATION_FAILED", "message");
    }

    [Fact]
    public async Task Requests_are_accepted_while_models_and_training_are_stopped_and_processed()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        string id;
        try
        {
            await _system.StopAsync("models");
            await _system.StopAsync("training");
            id = await _targets.RequestValidAsync(model, topN: 100);
            (await _targets.ApproveAsync(id)).EnsureSuccess();
        }
        finally
        {
            await _system.EnsureRunningAsync("models", "training");
        }

        var done = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED");
        Assert.True(done.GetProperty("state").GetString() == "COMPLETED", done.ToString());
        Assert.Equal(100, done.GetProperty("dispatch").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task MIDAS_failing_three_times_then_succeeding_ends_COMPLETED_without_duplicate_sends()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        var id = await _targets.RequestValidAsync(model, topN: 1200);
        try
        {
            await _targets.SetMidasFaultAsync(failNext: 3);
            (await _targets.ApproveAsync(id)).EnsureSuccess();
            var done = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED");

            Assert.True(done.GetProperty("state").GetString() == "COMPLETED", done.ToString());
            Assert.True(done.GetProperty("dispatch").GetProperty("attempts").GetInt32() >= 4, done.ToString());
            var (keys, recipients) = await _targets.MidasReceivedAsync(id);
            Assert.Equal([$"{id}:0", $"{id}:1"], keys.Keys.Order());
            Assert.All(keys.Values, count => Assert.Equal(1, count));
            Assert.Equal(1200, recipients);
        }
        finally
        {
            await _targets.ClearMidasFaultsAsync();
        }
    }

    [Fact]
    public async Task MIDAS_down_for_good_ends_FAILED_with_a_reason()
    {
        await _targets.RequireMidasAsync();
        var model = await _targets.CompletedModelAsync();
        var id = await _targets.RequestValidAsync(model, topN: 50);
        try
        {
            await _targets.SetMidasFaultAsync(down: true);
            (await _targets.ApproveAsync(id)).EnsureSuccess();
            var done = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "COMPLETED", "FAILED");

            Assert.True(done.GetProperty("state").GetString() == "FAILED", done.ToString());
            Assert.Contains("gave up after", done.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("FAILED", done.GetProperty("dispatch").GetProperty("state").GetString());
        }
        finally
        {
            await _targets.ClearMidasFaultsAsync();
        }
    }

    [Fact]
    public async Task Cancel_while_REQUESTED_or_APPROVED_drops_the_request_and_cancel_after_dispatch_is_refused()
    {
        var model = await _targets.CompletedModelAsync();
        var requested = await _targets.RequestValidAsync(model);
        Assert.Equal("CANCELED", (await _targets.CancelAsync(DevUser.Analyst, requested)).EnsureSuccess().Field("cancelTarget.state").GetString());

        // Holding the worker keeps the request APPROVED.
        string approved;
        try
        {
            await _system.StopAsync("extraction");
            approved = await _targets.RequestValidAsync(model);
            (await _targets.ApproveAsync(approved)).EnsureSuccess();
            GraphQLAssert.Error(await _targets.CancelAsync(DevUser.Analyst2, approved), "NOT_FOUND");
            Assert.Equal("CANCELED", (await _targets.CancelAsync(DevUser.Analyst, approved)).EnsureSuccess().Field("cancelTarget.state").GetString());
        }
        finally
        {
            await _system.EnsureRunningAsync("extraction");
        }

        // The job queued before the cancel is taken and skipped: once the worker has acknowledged it and
        // targets has applied whatever it reported, no list has appeared and the state is still CANCELED.
        await ServiceOutbox.WaitUntilPublishedAsync("targets", approved, TargetRequestsApi.FlowTimeout);
        await ConsumerIdle.WaitAsync(TargetRequestsApi.FlowTimeout, $"the extraction job of the cancelled {approved}",
            Consumers.ExtractTargetsJobs, Consumers.TargetsOnExtraction);
        Assert.Equal("CANCELED", (await _targets.GetAsync(approved)).GetProperty("state").GetString());
        Assert.Equal(0, await _targets.MemberCountAsync(approved));
    }

    [Fact]
    public async Task Cancel_after_extraction_drops_the_list()
    {
        var model = await _targets.CompletedModelAsync();
        var id = await _targets.RequestValidAsync(model, topN: 500);
        (await _targets.ApproveAsync(id)).EnsureSuccess();
        var node = await _targets.WaitForStateAsync(id, TargetRequestsApi.FlowTimeout, "EXTRACTED", "DISPATCHING", "COMPLETED", "FAILED");
        var cancel = await _targets.CancelAsync(DevUser.Analyst, id);
        if (cancel.ErrorCode() == "CONFLICT")
        {
            // The cancel met the dispatch starting at the same moment; SPEC §4: read again and retry.
            node = await _targets.GetAsync(id);
            cancel = await _targets.CancelAsync(DevUser.Analyst, id);
        }

        if (node.GetProperty("state").GetString() == "EXTRACTED" && !cancel.HasErrors)
        {
            Assert.Equal("CANCELED", cancel.Field("cancelTarget.state").GetString());
            Assert.Equal(0, await _targets.MemberCountAsync(id));
        }
        else
        {
            // Dispatch already started: messages are on their way, so cancel is refused with the state.
            GraphQLAssert.Error(cancel, "INVALID_STATE_TRANSITION");
        }
    }

    [Fact]
    public async Task ModelRequest_targets_resolves_across_subgraphs()
    {
        var model = await _targets.CompletedModelAsync();
        var id = await _targets.RequestValidAsync(model);
        var client = await _system.ClientAsync(DevUser.Analyst);

        var result = (await client.SendAsync(
            "query Q($id: ID!, $t: ID!) { modelRequest(id: $id) { id name targets { id state } } targetRequest(id: $t) { model { id name state } } }",
            new { id = model, t = id })).EnsureSuccess();

        Assert.Contains(result.Field("modelRequest.targets").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal("COMPLETED", result.Field("targetRequest.model.state").GetString());
        await _targets.CancelAsync(DevUser.Analyst, id);
    }

    private static async Task<GraphQLResult> WaitForReplicaAsync(Func<Task<GraphQLResult>> send, string code)
    {
        // The replica follows the model events asynchronously; a brand-new model shows up within moments.
        for (var i = 0; ; i++)
        {
            var result = await send();
            if (result.ErrorCode() == code || i >= 40)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
