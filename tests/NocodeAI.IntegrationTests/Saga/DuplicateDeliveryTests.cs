using System.Text.Json.Nodes;

namespace NocodeAI.IntegrationTests.Saga;

/// <summary>
/// N4, "handled exactly once in effect": the same envelope delivered twice (JetStream stores both
/// because their <c>Nats-Msg-Id</c> differ, as after a publisher retry outside the duplicate window)
/// changes the model request once; the consumer's inbox drops the second by the envelope id.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class DuplicateDeliveryTests(NocodeSystem system, ITestOutputHelper output)
{
    /// <summary>SPEC §5: <c>nocode.&lt;context&gt;.&lt;Type&gt;</c>; the training worker's context is "training".</summary>
    private const string TrainingStartedSubject = "nocode.training.TrainingStarted";

    private static readonly TimeSpan HandlingTimeout = TimeSpan.FromSeconds(60);

    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Fact]
    public async Task A_TrainingStarted_envelope_delivered_twice_is_applied_once()
    {
        var request = await Models.RequestValidAsync(DevUser.Analyst, "duplicate delivery");
        var id = request.Id;
        await using var jetStream = await JetStreamEvents.ConnectAsync();
        // With the worker stopped nothing but this test moves the request past APPROVED.
        await _system.StopAsync("training");
        try
        {
            (await Models.ApproveAsync(DevUser.Approver, id)).EnsureSuccess();
            var approvedVersion = await ModelsDatabase.VersionAsync(id)
                ?? throw new Xunit.Sdk.XunitException($"model_requests has no row {id}");

            var envelope = TrainingStartedEnvelope(id);
            var envelopeId = envelope["id"]!.GetValue<string>();
            var body = envelope.ToJsonString();
            var first = await jetStream.PublishAsync(TrainingStartedSubject, body, new Dictionary<string, string> { ["Nats-Msg-Id"] = envelopeId });
            var second = await jetStream.PublishAsync(TrainingStartedSubject, body, new Dictionary<string, string> { ["Nats-Msg-Id"] = $"{envelopeId}-again" });
            Assert.True(second > first, $"JetStream should store both copies (sequences {first}, {second}).");

            await Models.WaitForStateAsync(id, HandlingTimeout, "TRAINING");
            await jetStream.WaitUntilAcknowledgedAsync(TrainingStartedSubject, second, HandlingTimeout, consumerNameHint: "model");

            var stored = await Models.GetSnapshotAsync(DevUser.Analyst, id);
            Assert.Equal("TRAINING", stored.State);
            var trainingEntries = stored.Node.Items("history").Where(h => h.RequiredText("state") == "TRAINING").ToList();
            Assert.True(trainingEntries.Count == 1, $"The duplicate was applied again: {stored.Node.Path("history")}");
            // Postgres keeps microseconds, the history JSON ticks: equal within a millisecond.
            var sinceStarted = stored.Node.Timestamp("updatedAt") - trainingEntries[0].Timestamp("at");
            Assert.True(sinceStarted?.Duration() < TimeSpan.FromMilliseconds(1), $"The request changed after TrainingStarted was applied: {stored.Node}");
            Assert.Equal(approvedVersion + 1, await ModelsDatabase.VersionAsync(id));
        }
        finally
        {
            // CANCELING until the restarted worker takes the job and stops at its first checkpoint.
            await Models.CancelQuietlyAsync(id);
            await _system.EnsureRunningAsync("training");
        }
    }

    /// <summary>
    /// A TrainingStarted event as the worker publishes it: NocodeAI.Messaging's EventEnvelope (SPEC §5)
    /// in camelCase JSON, type = the CLR name, data = NocodeAI.Training.Contracts' TrainingStarted.
    /// </summary>
    private static JsonObject TrainingStartedEnvelope(string modelRequestId) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["type"] = "TrainingStarted",
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["aggregateId"] = modelRequestId,
        ["aggregateVersion"] = 1,
        ["correlationId"] = modelRequestId,
        ["causationId"] = null,
        ["data"] = new JsonObject
        {
            ["modelRequestId"] = modelRequestId,
            ["workerId"] = "integration-test",
            ["attempt"] = 1,
        },
    };
}
