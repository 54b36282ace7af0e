using Microsoft.EntityFrameworkCore;
using NocodeAI.Messaging;

namespace NocodeAI.Notices.IntegrationEvents.EventHandling;

/// <summary>
/// Wires one producer's events into notices and myRequests:
/// <code>
/// services.AddRequestEvents&lt;NoticesDbContext&gt;("notices-on-models", "nocode.models.&gt;")
///     .Map&lt;ModelApproved&gt;(ModelRequestChanges.Approved);
/// </code>
/// Each call is one durable consumer with one filter subject; each <see cref="Map"/> adds the event to
/// that consumer (one <see cref="RequestEventHandler"/> takes runs of them together) and to the
/// catalogue the rebuild replays.
/// </summary>
public sealed class RequestEventRegistration<TContext>
    where TContext : DbContext
{
    private readonly IServiceCollection _services;
    private readonly EventConsumerBuilder<TContext> _consumer;
    private readonly RequestChangeCatalog _catalog;

    internal RequestEventRegistration(IServiceCollection services, EventConsumerBuilder<TContext> consumer, RequestChangeCatalog catalog)
    {
        _services = services;
        _consumer = consumer;
        _catalog = catalog;
    }

    public RequestEventRegistration<TContext> Map<TEvent>(Func<TEvent, EventEnvelope, RequestChange> map)
        where TEvent : IIntegrationEvent
    {
        _consumer.HandleTogether<TEvent, RequestEventHandler>();
        _catalog.Add(map);
        return this;
    }
}

public static class RequestEventRegistration
{
    public static RequestEventRegistration<TContext> AddRequestEvents<TContext>(this IServiceCollection services, string consumerName, string filterSubject)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = services.FirstOrDefault(d => d.ServiceType == typeof(RequestChangeCatalog))?.ImplementationInstance as RequestChangeCatalog;
        if (catalog is null)
        {
            catalog = new RequestChangeCatalog();
            services.AddSingleton(catalog);
        }

        catalog.AddSource(filterSubject);
        var consumer = services.AddEventConsumer<TContext>(consumerName, filterSubject);
        return new RequestEventRegistration<TContext>(services, consumer, catalog);
    }
}
