namespace NocodeAI.IntegrationTests.Models;

/// <summary>
/// The whole saga watched live through the gateway (issue 2, "How it is checked"): an analyst
/// subscribes, an approver approves, the worker trains, and the subscription sees APPROVED, TRAINING
/// with rising progress, then COMPLETED with a useful model.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class LiveTrainingTests(NocodeSystem system, ITestOutputHelper output)
{
    private static readonly string[] FinalStates = ["COMPLETED", "FAILED", "CANCELED", "REJECTED"];

    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Fact]
    public async Task Over_WebSocket_the_analyst_sees_a_FAST_TREE_model_approved_trained_with_rising_progress_and_completed()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "live websocket fast tree", "FAST_TREE");
        await using var feed = await Models.WatchOverWebSocketAsync(DevUser.Analyst, request.Id);

        await RunToCompletionAsync(request, feed, "FAST_TREE");
    }

    [Fact]
    public async Task Over_SSE_the_analyst_sees_a_LOGISTIC_REGRESSION_model_approved_trained_with_rising_progress_and_completed()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "live sse logistic regression", "LOGISTIC_REGRESSION");
        await using var feed = await Models.WatchOverSseAsync(DevUser.Analyst, request.Id);

        await RunToCompletionAsync(request, feed, "LOGISTIC_REGRESSION");
    }

    [Fact]
    public async Task A_LIGHT_GBM_model_completes_with_metrics()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "light gbm", "LIGHT_GBM");
        await using var feed = await Models.WatchOverSseAsync(DevUser.Analyst, request.Id);
        try
        {
            (await Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();

            var final = await feed.WaitForAsync(e => FinalStates.Contains(e.State), Expectations.TrainingTimeout, "a final state");

            Assert.True(final.State == "COMPLETED", $"LIGHT_GBM ended {final.State} (reason: {final.Node.Text("reason")}). Events: {feed.Describe()}");
            AssertUsefulMetrics(final.Node, request);
            Assert.Equal("LIGHT_GBM", (await Models.GetSnapshotAsync(DevUser.Analyst, request.Id)).Node.RequiredText("spec.algorithm"));
        }
        finally
        {
            await CancelUnlessFinalAsync(request.Id, feed);
        }
    }

    [Fact]
    public async Task Subscribing_to_another_analysts_request_is_refused()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "foreign subscription");

        // analyst2 may not see the request: the subscription must end with NOT_FOUND instead of staying open.
        string outcome;
        try
        {
            await using var feed = await Models.WatchOverSseAsync(DevUser.Analyst2, request.Id, expectLive: false);
            var ended = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => feed.WaitForAsync(_ => true, TimeSpan.FromSeconds(30), "any event"));
            Assert.Empty(feed.Events);
            outcome = ended.Message;
        }
        catch (GraphQLStreamException refused)
        {
            // Answering the subscribe request with a plain GraphQL error instead of a stream is fine too.
            outcome = refused.Message;
        }

        Assert.Contains("NOT_FOUND", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribing_without_a_token_over_WebSocket_is_refused_with_UNAUTHENTICATED()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "anonymous subscription");

        GraphQLWebSocketClient? socket = null;
        try
        {
            socket = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, token: null);
            await using var stream = await socket.SubscribeAsync(ModelRequestsApi.ChangedSubscription, new { id = request.Id });
            await using var feed = ModelRequestFeed.Start(stream);

            var ended = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => feed.WaitForAsync(_ => true, TimeSpan.FromSeconds(30), "any event"));

            Assert.Contains("UNAUTHENTICATED", ended.Message, StringComparison.Ordinal);
        }
        catch (GraphQLStreamException refused)
        {
            // Refusing the connection itself (close code 4401/4403) is a valid answer too.
            _system.Log($"anonymous connection refused: {refused.Message}");
        }
        finally
        {
            if (socket is not null)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private async Task RunToCompletionAsync(ModelRequestSnapshot request, ModelRequestFeed feed, string algorithm)
    {
        try
        {
            (await Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();

            var final = await feed.WaitForAsync(e => FinalStates.Contains(e.State), Expectations.TrainingTimeout, "a final state");

            Assert.True(final.State == "COMPLETED", $"The model ended {final.State} (reason: {final.Node.Text("reason")}). Events: {feed.Describe()}");
            AssertLiveSequence(feed, request.Id);
            AssertUsefulMetrics(final.Node, request);

            var stored = await Models.GetSnapshotAsync(DevUser.Analyst, request.Id);
            Assert.Equal("COMPLETED", stored.State);
            Assert.Equal(algorithm, stored.Node.RequiredText("spec.algorithm"));
            AssertUsefulMetrics(stored.Node, request);
            AssertHistoryInOrder(stored.Node, "REQUESTED", "APPROVED", "TRAINING", "COMPLETED");
            Assert.Single(stored.Node.Items("history"), h => h.RequiredText("state") == "COMPLETED");
            Assert.True(File.Exists(_system.ArtifactPath(request.Id)), $"No artifact at {_system.ArtifactPath(request.Id)} for the completed model.");

            // COMPLETED is final.
            var cancel = await Models.CancelAsync(DevUser.Analyst, request.Id);
            GraphQLAssert.Error(cancel, "INVALID_STATE_TRANSITION");
            Assert.Equal("COMPLETED", cancel.ErrorExtension("currentState"));
            GraphQLAssert.Error(await Models.RejectAsync(DevUser.Approver, request.Id, "too late"), "INVALID_STATE_TRANSITION");
            Assert.Equal("COMPLETED", (await Models.GetSnapshotAsync(DevUser.Analyst, request.Id)).State);
        }
        finally
        {
            await CancelUnlessFinalAsync(request.Id, feed);
        }
    }

    /// <summary>APPROVED, then TRAINING with progress that only rises (at least two distinct values), then COMPLETED last.</summary>
    private static void AssertLiveSequence(ModelRequestFeed feed, string id)
    {
        var events = feed.Events;
        Assert.All(events, e => Assert.Equal(id, e.Id));
        var states = events.Select(e => e.State).ToList();
        var approved = states.IndexOf("APPROVED");
        var training = states.IndexOf("TRAINING");
        var completed = states.IndexOf("COMPLETED");
        Assert.True(approved >= 0, $"The subscription never showed APPROVED: {feed.Describe()}");
        Assert.True(training > approved, $"TRAINING did not follow APPROVED: {feed.Describe()}");
        Assert.True(completed > training, $"COMPLETED did not follow TRAINING: {feed.Describe()}");
        Assert.True(completed == states.Count - 1, $"Events after COMPLETED: {feed.Describe()}");
        Assert.DoesNotContain("APPROVED", states.Skip(training));

        var progress = events.Where(e => e.State == "TRAINING").Select(e => e.Progress).ToList();
        Assert.All(progress, p => Assert.InRange(p, 0, 1));
        for (var i = 1; i < progress.Count; i++)
        {
            Assert.True(progress[i] >= progress[i - 1], $"Progress fell from {progress[i - 1]} to {progress[i]}: {feed.Describe()}");
        }

        Assert.True(progress.Distinct().Count() >= 2, $"Progress did not rise while TRAINING (values: {string.Join(", ", progress)}): {feed.Describe()}");
        Assert.Contains(events, e => e.State == "TRAINING" && e.Stage is not null);
    }

    private static void AssertUsefulMetrics(JsonElement node, ModelRequestSnapshot request)
    {
        var metrics = node.Path("metrics") ?? throw new Xunit.Sdk.XunitException($"COMPLETED without metrics: {node}");
        var auc = metrics.Number("auc") ?? double.NaN;
        Assert.True(auc is > Expectations.MinimumAuc and <= 1, $"AUC {auc} is not above {Expectations.MinimumAuc}: {metrics}");
        Assert.InRange(metrics.Number("accuracy") ?? double.NaN, 0, 1);
        Assert.InRange(metrics.Number("f1") ?? double.NaN, 0, 1);
        Assert.True(metrics.Number("logLoss") >= 0, $"logLoss: {metrics}");
        var trainingRows = metrics.Number("trainingRows") ?? 0;
        var validationRows = metrics.Number("validationRows") ?? 0;
        Assert.True(trainingRows > 0 && validationRows > 0, $"row counts: {metrics}");
        Assert.True(trainingRows > validationRows, $"validationFraction 0.2 should leave most rows for training: {metrics}");
        Assert.True(metrics.Number("durationMs") > 0, $"durationMs: {metrics}");

        var importance = metrics.Items("featureImportance");
        Assert.NotEmpty(importance);
        var features = request.Node.Strings("spec.features");
        Assert.All(importance, i => Assert.Contains(i.RequiredText("feature"), features));
    }

    private static void AssertHistoryInOrder(JsonElement node, params string[] expected)
    {
        var history = node.Items("history");
        var states = history.Select(h => h.RequiredText("state")).ToList();
        var position = -1;
        foreach (var state in expected)
        {
            var next = states.FindIndex(position + 1, s => s == state);
            Assert.True(next > position, $"History lacks {state} after position {position}: {string.Join(", ", states)}");
            position = next;
        }

        var times = history.Select(h => h.Timestamp("at") ?? DateTimeOffset.MinValue).ToList();
        Assert.Equal(times.Order(), times);
    }

    private async Task CancelUnlessFinalAsync(string id, ModelRequestFeed feed)
    {
        if (!feed.Events.Any(e => FinalStates.Contains(e.State)))
        {
            await Models.CancelQuietlyAsync(id);
        }
    }
}
