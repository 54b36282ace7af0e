using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults;
using NocodeAI.ServiceDefaults.Options;
using StackExchange.Redis;

namespace NocodeAI.GraphQL.Realtime;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RedisOptions>();
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            // Start even while Redis is down; the multiplexer reconnects and re-subscribes by itself.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddSingleton<IChangeFeed, RedisChangeFeed>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
