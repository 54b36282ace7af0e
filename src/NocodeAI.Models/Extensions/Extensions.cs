using Microsoft.Extensions.DependencyInjection.Extensions;
using NocodeAI.Messaging;
using NocodeAI.ServiceDefaults.Options;
using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.Models.Datasets;
using NocodeAI.Models.Infrastructure;
using NocodeAI.Models.IntegrationEvents.EventHandling;
using NocodeAI.Models.ModelRequests;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.Training.Contracts;
using NocodeAI.Warehouse;

namespace NocodeAI.Models.Extensions;

public static class Extensions
{
    /// <summary>
    /// The models service's parts. Nothing here connects to anything while the container is built,
    /// so <c>--export-schema</c> works with no dependency reachable.
    /// </summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        builder.AddServiceDatabase<ModelsDbContext>((provider, options) => options.AddOutboxInterceptor(provider));
        services.AddOutbox<ModelsDbContext>();

        // The saga's return path: the training worker reports on nocode.training.*.
        services.AddEventConsumer<ModelsDbContext>("models-on-training", "nocode.training.>")
            .Handle<TrainingStarted, TrainingStartedHandler>()
            .Handle<TrainingProgressed, TrainingProgressedHandler>()
            .Handle<TrainingCompleted, TrainingCompletedHandler>()
            .Handle<TrainingFailed, TrainingFailedHandler>()
            .Handle<TrainingCanceled, TrainingCanceledHandler>();
        // Giving up on training work fails its request instead of leaving it TRAINING forever.
        services.AddDeadLetterConsumer<ModelsDbContext, GiveUpOnDeadLetter>(
            "models-on-deadletters", [JobConsumers.NameOf<TrainModel>(), "models-on-training"]);
        // And the last line: requests that wait on work nobody does any more fail with a reason.
        services.AddValidatedOptions<SweeperOptions>();
        services.AddHostedService<StalledModelRequests>();

        services.AddWarehouse();
        services.AddSingleton<DatasetCatalog>();
        services.AddScoped<ModelRequestService>();
        return builder;
    }
}
