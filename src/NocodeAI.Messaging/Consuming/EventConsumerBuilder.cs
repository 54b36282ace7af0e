using Microsoft.Extensions.DependencyInjection.Extensions;

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
        _services.AddScoped<THandler>();
        return Bind<TEvent>(new HandlerBinding(typeof(TEvent), typeof(THandler), TakesRuns: false, async (services, events, ct) =>
        {
            var handler = services.GetRequiredService<THandler>();
            foreach (var received in events)
            {
                await handler.HandleAsync((TEvent)received.Event, received.Envelope, ct);
            }
        }));
    }

    /// <summary>
    /// Hands <typeparamref name="TEvent"/> to a handler that takes runs of consecutive events at once;
    /// several event types may share one such handler, and a run then mixes them in stream order.
    /// </summary>
    public EventConsumerBuilder<TContext> HandleTogether<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventBatchHandler
    {
        _services.TryAddScoped<THandler>();
        return Bind<TEvent>(new HandlerBinding(typeof(TEvent), typeof(THandler), TakesRuns: true,
            (services, events, ct) => services.GetRequiredService<THandler>().HandleAsync(events, ct)));
    }

    private EventConsumerBuilder<TContext> Bind<TEvent>(HandlerBinding binding)
        where TEvent : IIntegrationEvent
    {
        var subject = Subjects.ForEvent<TEvent>();
        if (!Subjects.Matches(_registration.FilterSubject, subject))
        {
            throw new InvalidOperationException(
                $"Consumer '{_registration.Name}' filters '{_registration.FilterSubject}' and would never receive {subject}.");
        }

        _services.GetEventTypeRegistry().Register<TEvent>();
        if (!_registration.Handlers.TryAdd(Subjects.TypeName(typeof(TEvent)), binding))
        {
            throw new InvalidOperationException($"Consumer '{_registration.Name}' already handles {typeof(TEvent).Name}; one handler per event.");
        }

        return this;
    }
}

/// <summary>
/// How one event type is handled. <paramref name="TakesRuns"/>: consecutive events bound to the same
/// <paramref name="HandlerType"/> go to one call; otherwise each event is a call of its own.
/// </summary>
internal sealed record HandlerBinding(
    Type EventType,
    Type HandlerType,
    bool TakesRuns,
    Func<IServiceProvider, IReadOnlyList<ReceivedEvent>, CancellationToken, Task> InvokeAsync);

internal sealed class EventConsumerRegistration(string name, string filterSubject)
{
    public string Name { get; } = name;

    public string FilterSubject { get; } = filterSubject;

    public Dictionary<string, HandlerBinding> Handlers { get; } = new(StringComparer.Ordinal);
}
