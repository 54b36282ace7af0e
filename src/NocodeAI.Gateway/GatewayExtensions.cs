using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NocodeAI.Gateway.Execution;
using NocodeAI.Gateway.Http;
using NocodeAI.Gateway.Observability;
using NocodeAI.Gateway.Subgraphs;
using NocodeAI.Gateway.Supergraph;
using NocodeAI.ServiceDefaults;

namespace NocodeAI.Gateway;

public static class GatewayExtensions
{
    /// <summary>
    /// The gateway's settings: the <c>Gateway</c> section, and the environment names the Node gateway
    /// used (GATEWAY_HOST/PORT, SUPERGRAPH_PATH, CORS_ORIGINS, SUBGRAPH_TIMEOUT_MS, GATEWAY_MAX_TOKENS,
    /// GATEWAY_MAX_DEPTH, &lt;SUBGRAPH&gt;_URL), so ./nocode and the manifests configure either the same way.
    /// </summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        if (configuration["SUPERGRAPH_PATH"] is { Length: > 0 } path) options.SupergraphPath = path;
        if (int.TryParse(configuration["SUBGRAPH_TIMEOUT_MS"], out var timeout)) options.SubgraphTimeout = TimeSpan.FromMilliseconds(timeout);
        if (int.TryParse(configuration["SUBGRAPH_STREAM_IDLE_TIMEOUT_MS"], out var idle)) options.SubgraphStreamIdleTimeout = TimeSpan.FromMilliseconds(idle);
        if (int.TryParse(configuration["GATEWAY_MAX_TOKENS"], out var tokens)) options.MaxTokens = tokens;
        if (int.TryParse(configuration["GATEWAY_MAX_DEPTH"], out var depth)) options.MaxDepth = depth;
        if (configuration["GATEWAY_INTROSPECTION"] is { Length: > 0 } introspection) options.Introspection = introspection is not ("false" or "0");
        if (configuration["GATEWAY_PORT"] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://{configuration["GATEWAY_HOST"] ?? "127.0.0.1"}:{port}");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<SupergraphSource>();
        builder.Services.AddSingleton<SubgraphEndpoints>();
        builder.Services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler
        {
            // Keep-alive connections to every subgraph, renewed now and then so DNS changes (k8s) are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = int.MaxValue,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            // Queries and mutations; a subscription's stream is read after its headers and is not bound by it.
            Timeout = options.SubgraphTimeout,
        });
        builder.Services.AddSingleton<SubgraphClient>();
        builder.Services.AddSingleton<SubscriptionHub>();
        builder.Services.AddSingleton<PlanExecutor>();
        builder.Services.AddSingleton<GatewayExecutor>();
        builder.Services.AddSingleton<PersistedDocuments>();
        builder.Services.AddSingleton<GraphQLRequestReader>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConnectionTokenCheck>();
        builder.Services.AddSingleton<GraphQLWebSocketHandler>();
        builder.Services.AddSingleton<Explorer.BananaCakePop>();
        builder.Services.AddHealthChecks().AddCheck<SubgraphsHealthCheck>("subgraphs", tags: [ServiceDefaultsExtensions.ReadyTag]);

        var origins = (configuration["CORS_ORIGINS"] ?? "http://localhost:8080,http://127.0.0.1:8080")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowCredentials()
            .WithHeaders("authorization", "content-type", "accept", "x-request-id")
            .WithExposedHeaders("allow")
            .WithMethods("GET", "POST")));
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseCors();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Map("/graphql", GraphQLEndpoint.HandleAsync);
        app.MapMethods("/graphql/{**path}", ["GET", "HEAD"], (HttpContext http, string path, Explorer.BananaCakePop explorer) => explorer.ServeAssetAsync(http, path));
        // The Node gateway's probe paths, still used by older manifests and scripts.
        app.MapGet("/healthcheck", () => Results.Ok(new { status = "Healthy" }));
        app.MapGet("/readiness", async (HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService health) =>
        {
            var report = await health.CheckHealthAsync(c => c.Tags.Contains(ServiceDefaultsExtensions.ReadyTag), http.RequestAborted);
            return report.Status == HealthStatus.Healthy ? Results.Ok(new { status = "Healthy" }) : Results.Json(new { status = report.Status.ToString() }, statusCode: 503);
        });
        _ = app.Services.GetRequiredService<SupergraphSource>();
        return app;
    }
}

/// <summary>Ready when every subgraph of the supergraph answers <c>{ __typename }</c>.</summary>
public sealed class SubgraphsHealthCheck(SupergraphSource source, SubgraphClient subgraphs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var graphs = source.Current.Model.Subgraphs.Values.ToList();
        var probes = graphs.Select(async graph =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                var answer = await subgraphs.ExecuteAsync(graph.Id, "{__typename}", default, [], null, ForwardedHeaders.None, retryable: false, timeout.Token);
                return answer["data"] is not null ? null : graph.Name;
            }
            catch (Exception)
            {
                return graph.Name;
            }
        });
        var down = (await Task.WhenAll(probes)).Where(name => name is not null).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy($"{graphs.Count} subgraphs answer")
            : HealthCheckResult.Unhealthy($"Not answering: {string.Join(", ", down)}");
    }
}
