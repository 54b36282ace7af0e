using Microsoft.Extensions.Options;
using NocodeAI.Extraction.Jobs;
using NocodeAI.Extraction.Midas;
using NocodeAI.Messaging;
using NocodeAI.Modeling;
using NocodeAI.ServiceDefaults;
using NocodeAI.ServiceDefaults.Options;
using NocodeAI.Targets;

namespace NocodeAI.Extraction.Extensions;

public static class Extensions
{
    public static WebApplicationBuilder AddExtractionWorker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ExtractionWorkerOptions>();
        services.AddValidatedOptions<MidasOptions>();
        services.AddModeling();

        // The targets context's database, through the context's own persistence code (TargetMemberStore).
        builder.AddTargetsWorkerPersistence();

        services.AddMidasClient(provider =>
            provider.GetRequiredService<IOptions<MidasOptions>>().Value.BaseUrl
            ?? builder.Configuration["Externals:BaseUrl"]
            ?? throw new InvalidOperationException("Set Midas:BaseUrl or Externals:BaseUrl."));

        // One job of each kind at a time per worker process: more workers, more parallel jobs.
        services.AddJobConsumer<ExtractTargets, ExtractTargetsJobHandler>(JobConsumerOptions.OutlastRestarts);
        services.AddJobConsumer<DispatchTargets, DispatchTargetsJobHandler>(JobConsumerOptions.OutlastRestarts);
        return builder;
    }
}
