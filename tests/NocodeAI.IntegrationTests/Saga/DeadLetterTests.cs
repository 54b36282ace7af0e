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

    [Fact]
    public async Task Operators_list_show_and_replay_a_dead_letter_and_the_inboxes_drop_what_was_handled_after_all()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "replayed dead letter");
        // The relay publishes after the commit: until then the last ModelRequested is another request's.
        await ServiceOutbox.WaitUntilPublishedAsync(ModelsDatabase.Name, request.Id, TimeSpan.FromSeconds(30));
        await using var jetStream = await JetStreamEvents.ConnectAsync();
        var original = await jetStream.LastAsync("nocode.models.ModelRequested");
        Assert.NotNull(original);
        Assert.True(original.Body.Contains(request.Id, StringComparison.Ordinal), $"The last ModelRequested should be {request.Id}'s: {original.Body}");
        await ConsumerIdle.WaitAsync(TimeSpan.FromSeconds(30), $"the ModelRequested of {request.Id}", Consumers.NoticesOnModels, Consumers.TargetsOnModels);

        // As notices would have dead-lettered it.
        var sequence = await jetStream.PublishAsync("nocode.deadletter.notices-on-models", original.Body, new Dictionary<string, string>
        {
            ["Nocode-Error"] = "database unreachable",
            ["Nocode-Error-Type"] = "Npgsql.NpgsqlException",
            ["Nocode-Consumer"] = "notices-on-models",
            ["Nocode-Delivery-Count"] = "5",
            ["Nocode-Subject"] = "nocode.models.ModelRequested",
        });

        Assert.Equal(0, await _system.RunNocodeAsync(TimeSpan.FromMinutes(2), "deadletters", "list"));
        Assert.Contains(_system.LogTail().Split('\n'), line => line.Contains($" {sequence} ", StringComparison.Ordinal) && line.Contains("notices-on-models", StringComparison.Ordinal) && line.Contains(request.Id, StringComparison.Ordinal));
        Assert.Equal(0, await _system.RunNocodeAsync(TimeSpan.FromMinutes(2), "deadletters", "show", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("Npgsql.NpgsqlException: database unreachable", _system.LogTail(), StringComparison.Ordinal);
        Assert.NotEqual(0, await _system.RunNocodeAsync(TimeSpan.FromMinutes(2), "deadletters", "show", "999999999"));

        Assert.Equal(0, await _system.RunNocodeAsync(TimeSpan.FromMinutes(2), "deadletters", "replay", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var replayed = await jetStream.LastAsync("nocode.models.ModelRequested");
        Assert.NotNull(replayed);
        Assert.True(replayed.Sequence > original.Sequence, "The replay should be a new message on the original subject.");
        Assert.Equal(original.Body, replayed.Body);
        Assert.StartsWith("replay:", replayed.Headers["Nats-Msg-Id"], StringComparison.Ordinal);

        // Handled before it was (pretend) dead-lettered: the inboxes drop the replay, no second notice.
        await ConsumerIdle.WaitAsync(TimeSpan.FromSeconds(30), "the replayed ModelRequested", Consumers.NoticesOnModels, Consumers.TargetsOnModels);
        var notices = await new NoticesApi(_system).NoticesAboutAsync(DevUser.Analyst, request.Id);
        Assert.Single(notices, n => n.Kind == "REQUEST_SUBMITTED");
        await Models.CancelQuietlyAsync(request.Id);
    }
}
