namespace NocodeAI.Messaging;

/// <summary>Adds handlers to a durable event consumer: <c>.Handle&lt;TrainingStarted, TrainingStartedHandler&gt;()</c>.</summary>
public sealed class EventConsumerBuilder<TContext>
{
    private readonly IServiceCollection _services;
    private readonly EventConsumerRegistration _registration;

    internal EventConsumerBuilder(IServiceCollection services, EventConsumerRegistration registration)
    {
        _services = services;
        _registration = registration;
    }

    public EventConsumerBuilder<TContext> Handle<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var subject = Subjects.ForEvent<TEvent>();
        if (!Subjects.Matches(_registration.FilterSubject, subject))
        {
            throw new InvalidOperationException(
                $"Consumer '{_registration.Name}' filters '{_registration.FilterSubject}' and would never receive {subject}.");
        }

        _services.GetEventTypeRegistry().Register<TEvent>();
        _services.AddScoped<THandler>();
        var binding = new HandlerBinding(
            typeof(TEvent),
            (services, @event, envelope, ct) => services.GetRequiredService<THandler>().HandleAsync((TEvent)@event, envelope, ct));
        if (!_registration.Handlers.TryAdd(Subjects.TypeName(typeof(TEvent)), binding))
        {
            throw new InvalidOperationException($"Consumer '{_registration.Name}' already handles {typeof(TEvent).Name}; one handler per event.");
        }

        return this;
    }
}

internal sealed record HandlerBinding(Type EventType, Func<IServiceProvider, object, EventEnvelope, CancellationToken, Task> InvokeAsync);

internal sealed class EventConsumerRegistration(string name, string filterSubject)
{
    public string Name { get; } = name;

    public string FilterSubject { get; } = filterSubject;

    public Dictionary<string, HandlerBinding> Handlers { get; } = new(StringComparer.Ordinal);
}
