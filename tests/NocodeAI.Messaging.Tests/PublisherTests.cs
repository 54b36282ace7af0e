namespace NocodeAI.Messaging.Tests;

public sealed class PublisherTests
{
    [Fact]
    public async Task The_same_message_id_published_twice_is_stored_once()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var host = env.BuildHost(_ => { }, withDatabase: false);
        await TestEnvironment.StartAsync(host);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        var thingId = Guid.NewGuid();
        var id = EventEnvelope.DeterministicId($"{thingId}/created");

        var first = await publisher.PublishEventAsync(new ThingCreated(thingId, "a", Shade.LIGHT_GREEN), thingId.ToString(), 1, new MessageContext(), id);
        // A worker that crashed after publishing sends again, with the same deterministic id.
        var second = await publisher.PublishEventAsync(new ThingCreated(thingId, "a", Shade.LIGHT_GREEN), thingId.ToString(), 1, new MessageContext(), id);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Sequence, second.Sequence);
        Assert.Equal(env.Names.Stream(JetStreamTopology.EventsStream), first.Stream);
        var stored = Assert.Single(await env.ReadAsync(JetStreamTopology.EventsStream, "nocode.models.>"));
        Assert.Equal(id, stored.Envelope.Id);
    }

    [Fact]
    public async Task Publishing_where_no_stream_listens_fails_with_a_publish_exception()
    {
        await using var env = await TestEnvironment.CreateAsync();
        // Built but not started: nothing provisioned the streams under this prefix.
        var host = env.BuildHost(_ => { }, withDatabase: false);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        await Assert.ThrowsAsync<EventPublishException>(() =>
            publisher.PublishEventAsync(new ThingCreated(Guid.NewGuid(), "a", Shade.LIGHT_GREEN), "a", 1, new MessageContext()));
    }
}
