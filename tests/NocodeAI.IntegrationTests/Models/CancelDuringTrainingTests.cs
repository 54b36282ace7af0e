namespace NocodeAI.IntegrationTests.Models;

/// <summary>
/// The compensation of SPEC §2: a model cancelled while training cannot stop the trainer at once, but
/// its result never propagates as a completion; the request ends CANCELED and the artifact is discarded.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class CancelDuringTrainingTests(NocodeSystem system, ITestOutputHelper output)
{
    private static readonly TimeSpan ArtifactCleanupTimeout = TimeSpan.FromSeconds(60);

    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Fact]
    public async Task Cancel_during_training_ends_CANCELED_never_COMPLETED_and_leaves_no_artifact()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "cancel during training");
        await using var feed = await Models.WatchOverWebSocketAsync(DevUser.Analyst, request.Id);
        (await Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();
        var training = await feed.WaitForStateAsync("TRAINING", Expectations.TrainingTimeout);

        var cancel = await Models.CancelAsync(DevUser.Analyst, request.Id);

        Assert.Equal("CANCELING", cancel.EnsureSuccess().Field("cancelModel").RequiredText("state"));
        var canceled = await feed.WaitForAsync(e => e.State is "CANCELED" or "COMPLETED" or "FAILED", Expectations.TrainingTimeout, "the end of training", training.Index);
        Assert.True(canceled.State == "CANCELED", $"A cancelled training ended {canceled.State}. Events: {feed.Describe()}");
        // The trainer may finish after the cancel. Once it has acknowledged the job and models has applied
        // every report it published, a late completion would be in the stored history checked below.
        await ConsumerIdle.WaitAsync(Expectations.TrainingTimeout, $"the training job of the cancelled {request.Id}",
            Consumers.TrainModelJobs, Consumers.ModelsOnTraining);
        feed.AssertNone(e => e.State == "COMPLETED", "COMPLETED after a cancel");

        var afterCancel = feed.Events.SkipWhile(e => e.State != "CANCELING").Select(e => e.State).ToList();
        Assert.True(afterCancel.Count >= 2, $"The subscription should show CANCELING then CANCELED: {feed.Describe()}");
        Assert.All(afterCancel, s => Assert.Contains(s, new[] { "CANCELING", "CANCELED" }));

        var stored = await Models.GetSnapshotAsync(DevUser.Analyst, request.Id);
        Assert.Equal("CANCELED", stored.State);
        Assert.Null(stored.Node.Path("metrics"));
        var history = stored.Node.Items("history").Select(h => h.RequiredText("state")).ToList();
        Assert.DoesNotContain("COMPLETED", history);
        Assert.True(history.IndexOf("CANCELING") > history.IndexOf("TRAINING") && history.IndexOf("CANCELED") > history.IndexOf("CANCELING"),
            $"History should run TRAINING, CANCELING, CANCELED: {string.Join(", ", history)}");

        await AssertArtifactGoneAsync(request.Id);
    }

    /// <summary>The worker may have written the artifact before it learnt of the cancel; it must be gone soon after CANCELED.</summary>
    private async Task AssertArtifactGoneAsync(string id)
    {
        var path = _system.ArtifactPath(id);
        var deadline = DateTime.UtcNow + ArtifactCleanupTimeout;
        while (File.Exists(path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The artifact of the cancelled model is still at {path} after {ArtifactCleanupTimeout.TotalSeconds:0} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
