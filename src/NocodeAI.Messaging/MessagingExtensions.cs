using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NocodeAI.ServiceDefaults;
using NocodeAI.ServiceDefaults.Options;

namespace NocodeAI.Messaging;

/// <summary>
/// Wiring, in the order a service needs it:
/// <code>
/// builder.AddNocodeMessaging();                       // NATS, streams, publisher, readiness
/// builder.Services.AddDbContext&lt;ModelsDbContext&gt;((sp, o) => o.UseNpgsql(cs).AddOutboxInterceptor(sp));
/// builder.Services.AddOutbox&lt;ModelsDbContext&gt;();    // IOutbox, UnitOfWork, relay
/// builder.Services.AddEventConsumer&lt;ModelsDbContext&gt;("models-on-training", "nocode.training.&gt;")
///     .Handle&lt;TrainingStarted, TrainingStartedHandler&gt;();
/// </code>
/// </summary>
public static class MessagingExtensions
{
    public static TBuilder AddNocodeMessaging<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNocodeMessaging();
        return builder;
    }

    /// <summary>NATS connection (section <c>Nats</c>), stream provisioning, publisher, message context and the readiness check.</summary>
    public static IServiceCollection AddNocodeMessaging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(JetStreamTopology)))
        {
            return services;
        }

        services.AddValidatedOptions<NatsOptions>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.GetEventTypeRegistry();
        services.AddSingleton<INatsConnection>(sp => new NatsConnection(CreateNatsOpts(sp)));
        services.AddSingleton<INatsJSContext>(sp => new NatsJSContext(sp.GetRequiredService<INatsConnection>()));
        services.AddSingleton<JetStreamNames>();
        services.AddSingleton<JetStreamTopology>();
        services.AddHostedService<TopologyProvisioner>();
        services.AddSingleton<JetStreamEventPublisher>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<JetStreamEventPublisher>());
        services.AddSingleton<DeliveryFailures>();
        services.AddSingleton<MessagingMetrics>();
        services.AddScoped<MessageContext>();
        services.AddScoped<AfterCommit>();
        services.TryAddScoped(typeof(UnitOfWork<>));
        services.AddHealthChecks().AddCheck<NatsHealthCheck>("nats", HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]);
        return services;
    }

    /// <summary>
    /// The transactional outbox on <typeparamref name="TContext"/>: <see cref="IOutbox"/>, the relay and
    /// its wake-up signal (section <c>Outbox</c>). The DbContext also needs
    /// <see cref="AddOutboxInterceptor"/> in its options and <c>AddMessagingTables()</c> in its model.
    /// </summary>
    public static IServiceCollection AddOutbox<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddNocodeMessaging();
        services.AddValidatedOptions<OutboxOptions>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxInterceptor>();
        services.AddScoped<IOutbox, EfOutbox<TContext>>();
        services.AddHostedService<OutboxRelay<TContext>>();
        return services;
    }

    /// <summary>Lets commits that add outbox rows wake the relay at once.</summary>
    public static DbContextOptionsBuilder AddOutboxInterceptor(this DbContextOptionsBuilder options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        return options.AddInterceptors(services.GetRequiredService<OutboxInterceptor>());
    }

    /// <summary>
    /// A durable consumer on the events stream named <paramref name="name"/> (also its inbox key),
    /// handling events into <typeparamref name="TContext"/>. Settings: <see cref="EventConsumerOptions"/>,
    /// overridable in <c>Nats:Consumers:&lt;name&gt;</c>.
    /// </summary>
    public static EventConsumerBuilder<TContext> AddEventConsumer<TContext>(
        this IServiceCollection services,
        string name,
        string filterSubject,
        Action<EventConsumerOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        ValidateConsumerName(name);
        ArgumentException.ThrowIfNullOrEmpty(filterSubject);
        services.AddNocodeMessaging();
        AddConsumerOptions(services, name, configure);
        services.AddValidatedOptions<InboxOptions>();
        // One pruner per database, however many consumers share its inbox.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InboxPruner<TContext>>());
        var registration = new EventConsumerRegistration(name, filterSubject);
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<EventConsumer<TContext>>(sp, registration));
        return new EventConsumerBuilder<TContext>(services, registration);
    }

    /// <summary>
    /// Tells <typeparamref name="THandler"/> of every dead letter of <paramref name="ownedConsumers"/> (the
    /// consumers doing this service's work, e.g. its jobs' workers), in a transaction on
    /// <typeparamref name="TContext"/> with an inbox row, so giving up on work never goes unnoticed.
    /// </summary>
    public static IServiceCollection AddDeadLetterConsumer<TContext, THandler>(
        this IServiceCollection services,
        string name,
        IReadOnlyCollection<string> ownedConsumers,
        Action<EventConsumerOptions>? configure = null)
        where TContext : DbContext
        where THandler : class, IDeadLetterHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        ValidateConsumerName(name);
        services.AddNocodeMessaging();
        AddConsumerOptions(services, name, configure);
        services.TryAddScoped<THandler>();
        var registration = new DeadLetterRegistration(name, ownedConsumers);
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<DeadLetterConsumer<TContext, THandler>>(sp, registration));
        return services;
    }

    /// <summary>
    /// Takes <typeparamref name="TJob"/> jobs from the jobs stream, one at a time per process, with the
    /// same retry and dead-letter policy as event consumers. No database involved.
    /// </summary>
    public static IServiceCollection AddJobConsumer<TJob, THandler>(this IServiceCollection services, Action<JobConsumerOptions>? configure = null)
        where TJob : IJob
        where THandler : class, IJobHandler<TJob>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddNocodeMessaging();
        services.GetEventTypeRegistry().Register<TJob>();
        AddConsumerOptions(services, JobConsumer<TJob, THandler>.ConsumerName, configure);
        services.AddScoped<THandler>();
        services.AddHostedService<JobConsumer<TJob, THandler>>();
        return services;
    }

    /// <summary>
    /// Feeds every envelope on <paramref name="filterSubject"/> since <c>now - deliverFrom</c>, and then as
    /// they come, to the singleton <typeparamref name="TObserver"/>. Nothing is stored on the server.
    /// </summary>
    public static IServiceCollection AddEventObserver<TObserver>(this IServiceCollection services, string filterSubject, TimeSpan deliverFrom)
        where TObserver : class, IEventObserver
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(filterSubject);
        services.AddNocodeMessaging();
        services.TryAddSingleton<TObserver>();
        var registration = new EventObserverRegistration(filterSubject, deliverFrom);
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<EventObserverService<TObserver>>(sp, registration));
        return services;
    }

    /// <summary>The registry shared by everything registered on <paramref name="services"/>, created on first use.</summary>
    public static EventTypeRegistry GetEventTypeRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.FirstOrDefault(d => d.ServiceType == typeof(EventTypeRegistry))?.ImplementationInstance is EventTypeRegistry registry)
        {
            return registry;
        }

        registry = new EventTypeRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    private static void AddConsumerOptions<TOptions>(IServiceCollection services, string name, Action<TOptions>? configure)
        where TOptions : ConsumerOptions
    {
        // Code sets the defaults; configuration, bound afterwards, wins.
        services.AddOptions<TOptions>(name)
            .Configure(o => configure?.Invoke(o))
            .BindConfiguration($"Nats:Consumers:{name}")
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    private static void ValidateConsumerName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Consumer name '{name}' may hold letters, digits, '-' and '_' only (it names a durable consumer and a subject token).", nameof(name));
        }
    }

    private static NatsOpts CreateNatsOpts(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<NatsOptions>>().Value;
        var environment = services.GetService<IHostEnvironment>();
        return NatsOpts.Default with
        {
            Url = options.Url,
            Name = environment?.ApplicationName ?? "nocode",
            LoggerFactory = new NatsClientLoggerFactory(services.GetRequiredService<ILoggerFactory>()),
            AuthOpts = NatsAuthOpts.Default with
            {
                Username = options.User,
                Password = options.Password,
                Token = options.Token,
            },
        };
    }
}
