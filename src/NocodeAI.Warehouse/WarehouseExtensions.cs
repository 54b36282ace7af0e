using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults.Options;

namespace NocodeAI.Warehouse;

public static class WarehouseExtensions
{
    /// <summary>Registers validated <see cref="WarehouseOptions"/>, the catalogue and the reader (once, however often called).</summary>
    public static IServiceCollection AddWarehouse(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WarehouseConnectionFactory)))
        {
            return services;
        }

        services.AddValidatedOptions<WarehouseOptions>();
        services.AddSingleton(sp => new WarehouseConnectionFactory(sp.GetRequiredService<IOptions<WarehouseOptions>>().Value));
        services.AddSingleton<IWarehouseCatalog, WarehouseCatalog>();
        services.AddSingleton(sp => new WarehouseReader(
            sp.GetRequiredService<WarehouseConnectionFactory>(),
            sp.GetRequiredService<IWarehouseCatalog>(),
            sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.BatchSize));
        return services;
    }
}
