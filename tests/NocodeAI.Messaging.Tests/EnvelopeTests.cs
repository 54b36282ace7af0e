namespace NocodeAI.Messaging.Tests;

public sealed class EnvelopeTests
{
    [Fact]
    public void Envelope_json_is_camel_case_with_enum_names_and_round_trips()
    {
        var thingId = Guid.NewGuid();
        var context = new MessageContext();
        var envelope = EventEnvelope.Create(new ThingCreated(thingId, "lamp", Shade.DARK_RED), thingId.ToString(), 3, context);

        using var json = JsonDocument.Parse(envelope.ToJson());
        var root = json.RootElement;
        Assert.Equal(envelope.Id, root.GetProperty("id").GetGuid());
        Assert.Equal("ThingCreated", root.GetProperty("type").GetString());
        Assert.Equal(3, root.GetProperty("aggregateVersion").GetInt64());
        Assert.Equal(context.CorrelationId, root.GetProperty("correlationId").GetString());
        Assert.Equal("DARK_RED", root.GetProperty("data").GetProperty("shade").GetString());
        Assert.Equal("lamp", root.GetProperty("data").GetProperty("name").GetString());

        var back = EventEnvelope.Parse(envelope.ToUtf8Bytes());
        Assert.True(back.Is<ThingCreated>());
        Assert.Equal(new ThingCreated(thingId, "lamp", Shade.DARK_RED), back.GetData<ThingCreated>());
    }

    [Fact]
    public void A_base_typed_event_is_wrapped_as_its_concrete_type()
    {
        BaseEvent change = new ConcreteEvent("x", 7);
        var envelope = EventEnvelope.Create(change, "a", 1, new MessageContext());

        Assert.Equal("ConcreteEvent", envelope.Type);
        Assert.Equal(7, envelope.GetData<ConcreteEvent>().Extra);
        Assert.Equal("nocode.models.ConcreteEvent", Subjects.ForEvent(change));
    }

    [Fact]
    public void Handling_an_envelope_makes_it_the_cause_of_what_follows()
    {
        var incoming = EventEnvelope.Create(new ThingRenamed(Guid.NewGuid(), "a"), "a", 1, new MessageContext());
        var context = new MessageContext();
        context.BeginHandling(incoming);

        var outgoing = EventEnvelope.Create(new ThingRenamed(Guid.NewGuid(), "b"), "b", 1, context);

        Assert.Equal(incoming.CorrelationId, outgoing.CorrelationId);
        Assert.Equal(incoming.Id.ToString(), outgoing.CausationId);
        Assert.Null(incoming.CausationId);
    }

    [Fact]
    public void Deterministic_ids_are_stable_per_key_and_differ_between_keys()
    {
        var id = EventEnvelope.DeterministicId("req-1/1/TrainingCompleted");

        Assert.Equal(id, EventEnvelope.DeterministicId("req-1/1/TrainingCompleted"));
        Assert.NotEqual(id, EventEnvelope.DeterministicId("req-1/2/TrainingCompleted"));
        Assert.Equal(5, id.Version);
    }

    [Theory]
    [InlineData("nocode.training.>", "nocode.training.TrainingStarted", true)]
    [InlineData("nocode.training.>", "nocode.training", false)]
    [InlineData("nocode.*.ModelApproved", "nocode.models.ModelApproved", true)]
    [InlineData("nocode.models.ModelApproved", "nocode.models.ModelRejected", false)]
    [InlineData("nocode.jobs.training.>", "nocode.jobs.training.TrainModel", true)]
    [InlineData("nocode.models.>", "nocode.training.TrainingStarted", false)]
    public void Subject_filters_match_like_nats(string filter, string subject, bool matches) =>
        Assert.Equal(matches, Subjects.Matches(filter, subject));

    [Fact]
    public void An_event_of_an_unknown_context_is_refused_before_it_reaches_the_outbox()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Subjects.ForEvent(new Stray()));
        Assert.Contains("warehouse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_contracts_with_the_same_type_name_are_refused()
    {
        var registry = new EventTypeRegistry();
        registry.Register<OneContract.Clash>();
        registry.Register<OneContract.Clash>();

        Assert.Throws<InvalidOperationException>(() => registry.Register<OtherContract.Clash>());
        Assert.True(registry.TryGetType("Clash", out var type));
        Assert.Equal(typeof(OneContract.Clash), type);
    }

    [Fact]
    public void A_handler_for_an_event_outside_the_consumer_filter_is_refused_at_registration()
    {
        var services = new ServiceCollection();
        var consumer = services.AddEventConsumer<TestDbContext>("c1", "nocode.training.>");

        Assert.Throws<InvalidOperationException>(() => consumer.Handle<ThingCreated, NoopHandler>());
    }

    [Fact]
    public void Backoff_doubles_from_the_base_and_stops_at_the_cap()
    {
        var delays = Enumerable.Range(1, 8).Select(n => Backoff.For(n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)).TotalSeconds);
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Theory]
    [InlineData(0.0, 4.0)]
    [InlineData(0.5, 6.0)]
    [InlineData(1.0, 8.0)]
    public void Backoff_with_jitter_stays_in_the_upper_half_of_the_exponential_delay(double random, double seconds)
    {
        Assert.Equal(seconds, Backoff.WithJitter(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), random).TotalSeconds, 6);
    }

    private abstract record BaseEvent(string Name) : IIntegrationEvent
    {
        public static string Context => "models";
    }

    private sealed record ConcreteEvent(string Name, int Extra) : BaseEvent(Name);

    private sealed record Stray : IIntegrationEvent
    {
        public static string Context => "warehouse";
    }

    private sealed class NoopHandler : IIntegrationEventHandler<ThingCreated>
    {
        public Task HandleAsync(ThingCreated @event, EventEnvelope envelope, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

internal static class OneContract
{
    public sealed record Clash;
}

internal static class OtherContract
{
    public sealed record Clash;
}
