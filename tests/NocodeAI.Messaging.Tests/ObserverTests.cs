namespace NocodeAI.Messaging.Tests;

public sealed class ObserverTests
{
    [Fact]
    public async Task An_observer_replays_recent_events_then_follows_new_ones_within_its_filter_only()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var producer = env.BuildHost(_ => { }, withDatabase: false);
        await TestEnvironment.StartAsync(producer);
        var publisher = producer.Services.GetRequiredService<IEventPublisher>();
        var before = Guid.NewGuid();
        await publisher.PublishEventAsync(new ThingCreated(before, "before", Shade.LIGHT_GREEN), before.ToString(), 1, new MessageContext());
        await publisher.PublishEventAsync(new ThingTrained(before), before.ToString(), 2, new MessageContext());

        var observer = new RecordingObserver();
        var watcher = env.BuildHost(s => s.AddSingleton(observer).AddEventObserver<RecordingObserver>("nocode.models.>", TimeSpan.FromHours(1)), withDatabase: false);
        await TestEnvironment.StartAsync(watcher);
        await Poll.UntilAsync(() => !observer.Seen.IsEmpty, TimeSpan.FromSeconds(20), "the replay");

        var after = Guid.NewGuid();
        await publisher.PublishEventAsync(new ThingRenamed(after, "after"), after.ToString(), 1, new MessageContext());
        await Poll.UntilAsync(() => observer.Seen.Count >= 2, TimeSpan.FromSeconds(20), "the live event");
        // Room for a wrongly delivered training event to arrive before the assertion.
        await Task.Delay(500);

        Assert.Equal(["ThingCreated", "ThingRenamed"], observer.Seen.Select(e => e.Type));
    }
}
