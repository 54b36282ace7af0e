using NocodeAI.Messaging;
using NocodeAI.Modeling;
using NocodeAI.ServiceDefaults.Options;
using NocodeAI.Training.Cancellation;
using NocodeAI.Training.Jobs;

namespace NocodeAI.Training.Extensions;

public static class Extensions
{
    public static WebApplicationBuilder AddTrainingWorker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<TrainingWorkerOptions>();
        services.AddModeling();

        // Which requests were cancelled: replayed from the models service's events, then followed live.
        var memory = builder.Configuration.GetValue<TimeSpan?>("TrainingWorker:CancellationMemory") ?? TimeSpan.FromDays(7);
        services.AddEventObserver<CancellationRegistry>("nocode.models.>", memory);

        // One job at a time per worker process: more workers, more parallel trainings.
        services.AddJobConsumer<TrainModel, TrainModelJobHandler>(JobConsumerOptions.OutlastRestarts);
        return builder;
    }
}
