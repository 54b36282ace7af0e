using Microsoft.Extensions.Options;
using NocodeAI.Extraction.Jobs;
using NocodeAI.Extraction.Midas;
using NocodeAI.Extraction.Storage;
using NocodeAI.Messaging;
using NocodeAI.Modeling;
using NocodeAI.ServiceDefaults;
using NocodeAI.ServiceDefaults.Options;
using Npgsql;

namespace NocodeAI.Extraction.Extensions;

public static class Extensions
{
    public static WebApplicationBuilder AddExtractionWorker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ExtractionWorkerOptions>();
        services.AddValidatedOptions<MidasOptions>();
        services.AddModeling();

        // The targets context's database: this worker owns target_members there (see TargetMemberStore).
        builder.AddPostgres("Database");
        services.AddSingleton(sp => new TargetMemberStore(sp.GetRequiredService<NpgsqlDataSource>()));

        services.AddHttpClient<MidasBulkLmsClient>((sp, http) =>
        {
            var midas = sp.GetRequiredService<IOptions<MidasOptions>>().Value;
            var baseUrl = midas.BaseUrl
                ?? builder.Configuration["Externals:BaseUrl"]
                ?? throw new InvalidOperationException("Set Midas:BaseUrl or Externals:BaseUrl.");
            http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
            if (!string.IsNullOrEmpty(midas.Token))
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", midas.Token);
            }
            // Each call has its own timeout (Midas:RequestTimeout); this only bounds a stuck connection.
            http.Timeout = TimeSpan.FromMinutes(5);
        });

        // One job of each kind at a time per worker process: more workers, more parallel jobs.
        services.AddJobConsumer<ExtractTargets, ExtractTargetsJobHandler>();
        services.AddJobConsumer<DispatchTargets, DispatchTargetsJobHandler>();
        return builder;
    }
}
