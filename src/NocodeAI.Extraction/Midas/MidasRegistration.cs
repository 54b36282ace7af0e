using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults.Resilience;

namespace NocodeAI.Extraction.Midas;

public static class MidasRegistration
{
    /// <summary>
    /// The MIDAS client with the shared resilience handler (retry with jitter, per-call timeout, breaker)
    /// from <see cref="MidasOptions"/>; <paramref name="baseUrl"/> resolves the address when the client is made.
    /// </summary>
    public static IHttpClientBuilder AddMidasClient(this IServiceCollection services, Func<IServiceProvider, string> baseUrl) =>
        services.AddHttpClient<MidasBulkLmsClient>((provider, http) =>
            {
                var midas = provider.GetRequiredService<IOptions<MidasOptions>>().Value;
                http.BaseAddress = new Uri(baseUrl(provider).TrimEnd('/') + "/");
                if (!string.IsNullOrEmpty(midas.Token))
                {
                    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", midas.Token);
                }

                // Each attempt has its own timeout (Midas:RequestTimeout) in the handler; this bounds the whole retried call.
                http.Timeout = TimeSpan.FromMinutes(10);
            })
            .AddNocodeResilience("midas", provider => provider.GetRequiredService<IOptions<MidasOptions>>().Value.Resilience());
}
