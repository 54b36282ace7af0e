using NocodeAI.IntegrationTests.Notices;

namespace NocodeAI.IntegrationTests.Saga;

/// <summary>
/// 16.4: giving up on work is never silent. When the training worker's consumer dead-letters a job, the
/// models service hears of it on the dead-letter stream and fails the request with the dead letter as
/// its reason; the requester gets the FAILED notice. The worker is stopped so the request waits in
/// APPROVED, and the dead letter is the one the worker would publish after its last delivery.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class DeadLetterTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Fact]
    public async Task A_dead_lettered_training_job_fails_its_request_with_the_reason_and_tells_the_requester()
    {
        await _system.StopAsync("training");
        string? id = null;
        try
        {
            var request = await Models.RequestValidAsync(DevUser.Analyst, "dead-lettered training job");
            id = request.Id;
            (await Models.ApproveAsync(DevUser.Approver, id)).EnsureSuccess();
            Assert.Equal("APPROVED", (await Models.GetSnapshotAsync(DevUser.Analyst, id)).State);

            await using var jetStream = await JetStreamEvents.ConnectAsync();
            var job = $$$"""
                {"id":"{{{Guid.NewGuid()}}}","type":"TrainModel","occurredAt":"{{{DateTimeOffset.UtcNow:O}}}","aggregateId":"{{{id}}}","aggregateVersion":2,"correlationId":"dead-letter-test","causationId":null,"data":{"modelRequestId":"{{{id}}}"}}
                """;
            await jetStream.PublishAsync("nocode.deadletter.training-TrainModel", job, new Dictionary<string, string>
            {
                ["Nocode-Error"] = "the trainer ran out of memory",
                ["Nocode-Error-Type"] = "System.OutOfMemoryException",
                ["Nocode-Consumer"] = "training-TrainModel",
                ["Nocode-Delivery-Count"] = "5",
                ["Nocode-Subject"] = "nocode.jobs.training.TrainModel",
            });

            var failed = await Models.WaitForStateAsync(id, TimeSpan.FromSeconds(30), "FAILED");
            var reason = failed.Node.Text("reason") ?? (await Models.GetSnapshotAsync(DevUser.Analyst, id)).Node.Text("reason");
            Assert.Equal("The system gave up on this request: training-TrainModel gave up on TrainModel after 5 deliveries: the trainer ran out of memory", reason);

            var notices = await new NoticesApi(_system).WaitForNoticesAsync(DevUser.Analyst, id, n => n.Any(x => x.Body.Contains("out of memory", StringComparison.Ordinal) || x.Title.Contains("FAIL", StringComparison.OrdinalIgnoreCase)), "the FAILED notice");
            Assert.Contains(notices, n => n.Kind.Contains("FAIL", StringComparison.Ordinal));
        }
        finally
        {
            await _system.EnsureRunningAsync("training");
            if (id is not null)
            {
                // The job still waits in the queue; the worker finds its request final and the models service ignores what it reports.
                await ConsumerIdle.WaitAsync(Expectations.TrainingTimeout, $"the stale training job of {id}", Consumers.TrainModelJobs, Consumers.ModelsOnTraining);
            }
        }

        Assert.Equal("FAILED", (await Models.GetSnapshotAsync(DevUser.Analyst, id!)).State);
    }
}
