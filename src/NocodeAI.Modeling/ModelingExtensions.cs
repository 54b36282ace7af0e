using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults.Options;

namespace NocodeAI.Modeling;

public static class ModelingExtensions
{
    /// <summary>
    /// Registers the warehouse (<see cref="WarehouseExtensions.AddWarehouse"/>), validated <see cref="ArtifactsOptions"/>,
    /// the artifact store, the trainer and the scorer.
    /// </summary>
    public static IServiceCollection AddModeling(this IServiceCollection services)
    {
        services.AddWarehouse();
        services.AddValidatedOptions<ArtifactsOptions>();
        services.AddSingleton(sp => new ModelArtifactStore(sp.GetRequiredService<IOptions<ArtifactsOptions>>().Value));
        services.AddSingleton<IDatasetSource, WarehouseDatasetSource>();
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<ModelScorer>();
        return services;
    }
}
