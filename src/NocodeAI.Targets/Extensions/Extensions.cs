using Microsoft.Extensions.DependencyInjection.Extensions;
using NocodeAI.Messaging;
using NocodeAI.ServiceDefaults.Options;
using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.Targets.Infrastructure;
using NocodeAI.Targets.IntegrationEvents.EventHandling;
using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.Extensions;

public static class Extensions
{
    /// <summary>
    /// The targets service's parts. Nothing here connects to anything while the container is built,
    /// so <c>--export-schema</c> works with no dependency reachable.
    /// </summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        builder.AddServiceDatabase<TargetsDbContext>((provider, options) => options.AddOutboxInterceptor(provider));
        services.AddOutbox<TargetsDbContext>();

        // The readiness replica (SPEC N1): model states from the models service's events, replayed from
        // the first event when the consumer is new. Progress reports carry no readiness change. One handler takes
        // each run of these events together (one read, one write per batch).
        services.AddEventConsumer<TargetsDbContext>("targets-on-models", "nocode.models.>")
            .HandleTogether<ModelRequested, ModelReadinessHandler>()
            .HandleTogether<ModelApproved, ModelReadinessHandler>()
            .HandleTogether<ModelRejected, ModelReadinessHandler>()
            .HandleTogether<ModelTrainingStarted, ModelReadinessHandler>()
            .HandleTogether<ModelCompleted, ModelReadinessHandler>()
            .HandleTogether<ModelFailed, ModelReadinessHandler>()
            .HandleTogether<ModelCancellationRequested, ModelReadinessHandler>()
            .HandleTogether<ModelCanceled, ModelReadinessHandler>();

        // The saga's return path: the extraction worker reports on nocode.extraction.*.
        services.AddEventConsumer<TargetsDbContext>("targets-on-extraction", "nocode.extraction.>")
            .Handle<ExtractionStarted, ExtractionStartedHandler>()
            .Handle<ExtractionProgressed, ExtractionProgressedHandler>()
            .Handle<TargetsExtracted, TargetsExtractedHandler>()
            .Handle<ExtractionFailed, ExtractionFailedHandler>()
            .Handle<DispatchStarted, DispatchStartedHandler>()
            .Handle<DispatchRetrying, DispatchRetryingHandler>()
            .Handle<DispatchCompleted, DispatchCompletedHandler>()
            .Handle<DispatchFailed, DispatchFailedHandler>();
        // Giving up on extraction or dispatch work fails its request instead of leaving it stuck.
        services.AddDeadLetterConsumer<TargetsDbContext, GiveUpOnDeadLetter>(
            "targets-on-deadletters", [JobConsumers.NameOf<ExtractTargets>(), JobConsumers.NameOf<DispatchTargets>(), "targets-on-extraction"]);
        // And the last line: requests that wait on work nobody does any more fail with a reason.
        services.AddValidatedOptions<SweeperOptions>();
        services.AddHostedService<StalledTargetRequests>();

        services.AddScoped<TargetRequestService>();
        services.AddScoped<ModelTargetsLoader>();
        return builder;
    }
}
