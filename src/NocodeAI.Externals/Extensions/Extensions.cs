using Microsoft.Extensions.DependencyInjection.Extensions;
using NocodeAI.Externals.Faults;
using NocodeAI.Externals.Midas;
using NocodeAI.Externals.Recording;
using NocodeAI.ServiceDefaults.Options;

namespace NocodeAI.Externals.Extensions;

public static class Extensions
{
    /// <summary>The stand-ins' in-memory state and settings (sections <c>SwingChat</c> and <c>Midas</c>).</summary>
    public static WebApplicationBuilder AddExternalStandIns(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<SwingChatStandInOptions>("SwingChat");
        services.AddValidatedOptions<MidasStandInOptions>("Midas");
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<ReceivedLog>();
        services.AddSingleton<MidasJobs>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }
}
