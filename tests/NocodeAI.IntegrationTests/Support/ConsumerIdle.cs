namespace NocodeAI.IntegrationTests.Support;

/// <summary>
/// The durable JetStream consumers tests wait on. Event consumers are named where each service registers
/// them (<c>src/*/Extensions/Extensions.cs</c>); job consumers are <c>&lt;queue&gt;-&lt;JobType&gt;</c>.
/// </summary>
public static class Consumers
{
    /// <summary>The training worker's <c>TrainModel</c> jobs.</summary>
    public const string TrainModelJobs = "training-TrainModel";

    /// <summary>The extraction worker's <c>ExtractTargets</c> jobs.</summary>
    public const string ExtractTargetsJobs = "extraction-ExtractTargets";

    /// <summary>The models service applying the training worker's reports.</summary>
    public const string ModelsOnTraining = "models-on-training";

    /// <summary>The targets service applying the extraction worker's reports.</summary>
    public const string TargetsOnExtraction = "targets-on-extraction";

    public const string NoticesOnModels = "notices-on-models";

    public const string TargetsOnModels = "targets-on-models";
}

/// <summary>
/// The positive signal a test waits for before asserting that something did not happen: the consumers
/// that would have made it happen have handled every message stored for them. Unlike a sleep, this
/// passes no sooner than the system has caught up, however slow a worker is.
/// </summary>
public static class ConsumerIdle
{
    /// <summary>
    /// Waits until each of <paramref name="consumers"/> is idle, in the order given: list a job consumer
    /// before the consumer of the reports that job publishes, so the reports are stored before they are
    /// waited for. Fails with the consumer's state and <paramref name="because"/> after <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitAsync(TimeSpan timeout, string because, params string[] consumers)
    {
        await using var jetStream = await JetStreamEvents.ConnectAsync();
        foreach (var consumer in consumers)
        {
            await jetStream.WaitUntilIdleAsync(consumer, timeout, because);
        }
    }
}
