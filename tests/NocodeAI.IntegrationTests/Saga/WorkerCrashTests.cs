namespace NocodeAI.IntegrationTests.Saga;

/// <summary>
/// N4 for the training job: a worker killed mid-training (SIGKILL, no shutdown hook) leaves the job
/// unacknowledged; JetStream redelivers it after the restart and the model completes, once.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class WorkerCrashTests(NocodeSystem system, ITestOutputHelper output)
{
    /// <summary>Redelivery waits for the job's ack timeout, then the job trains from the start.</summary>
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(6);

    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Fact]
    public async Task A_training_worker_killed_mid_training_is_redelivered_the_job_and_the_model_completes_once()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "worker killed mid-training");
        await using var feed = await Models.WatchOverSseAsync(DevUser.Analyst, request.Id);
        var completed = false;
        try
        {
            (await Models.ApproveAsync(DevUser.Approver, request.Id)).EnsureSuccess();
            var training = await feed.WaitForAsync(e => e.State == "TRAINING" && e.Progress > 0, Expectations.TrainingTimeout, "TRAINING with progress above 0");
            _system.Log($"Killing the worker at {training}");

            try
            {
                await _system.KillAsync("training");
            }
            finally
            {
                await _system.EnsureRunningAsync("training");
            }

            var final = await feed.WaitForAsync(e => e.State is "COMPLETED" or "FAILED" or "CANCELED", RecoveryTimeout, "a final state after the restart", training.Index);
            completed = final.State == "COMPLETED";
            Assert.True(completed, $"After the worker restarted the model ended {final.State} (reason: {final.Node.Text("reason")}). Events: {feed.Describe()}");
            Assert.True(final.Node.Number("metrics.auc") > Expectations.MinimumAuc, $"AUC after a redelivered training: {final.Node}");

            var stored = await Models.GetSnapshotAsync(DevUser.Analyst, request.Id);
            Assert.Equal("COMPLETED", stored.State);
            var history = stored.Node.Items("history").Select(h => h.RequiredText("state")).ToList();
            Assert.Equal(1, history.Count(s => s == "COMPLETED"));
            Assert.Equal(1, history.Count(s => s == "APPROVED"));
            Assert.True(history.IndexOf("TRAINING") > history.IndexOf("APPROVED") && history.IndexOf("COMPLETED") > history.LastIndexOf("TRAINING"),
                $"History: {string.Join(", ", history)}");
            Assert.Single(feed.Events, e => e.State == "COMPLETED");
            Assert.True(File.Exists(_system.ArtifactPath(request.Id)), $"No artifact at {_system.ArtifactPath(request.Id)}");
        }
        finally
        {
            if (!completed)
            {
                await Models.CancelQuietlyAsync(request.Id);
            }
        }
    }
}
