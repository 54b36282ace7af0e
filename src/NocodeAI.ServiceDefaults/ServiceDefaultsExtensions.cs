using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NocodeAI.ServiceDefaults.Health;
using NocodeAI.ServiceDefaults.Observability;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NocodeAI.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of the health checks that decide readiness (dependencies), as opposed to liveness (the process).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Meter every NocodeAI component records its own metrics on (saga stages, outbox lag, subscriptions).</summary>
    public const string MeterName = "NocodeAI";

    /// <summary>What every NocodeAI process shares: JSON logs, traces and metrics, health checks, secret guard.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        DefaultSecretGuard.Enforce(builder.Environment, builder.Configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        var serviceName = builder.Configuration["Service:Name"] ?? builder.Environment.ApplicationName;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime")
                .AddMeter(MeterName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(MeterName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                    && !ctx.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // Traces leave the process only when a collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT), as in k8s.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        builder.Services.AddSingleton<SagaMetrics>();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>Adds the PostgreSQL data source of the service's own database and makes readiness depend on it.</summary>
    public static WebApplicationBuilder AddPostgres(this WebApplicationBuilder builder, string connectionName)
    {
        // Resolved lazily so `--export-schema` works without any connection configured.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured."))
        {
            // No DISCARD ALL each time a pooled connection goes back: a round trip on every unit of work
            // (31,000 of them for 10,000 requestModel calls and their cancels), and nothing needs it: no
            // code sets session state on a pooled connection (advisory locks are per transaction; the
            // consumer lease has its own unpooled session).
            NoResetOnClose = true,

            // Statements run a second time are prepared on their connection, so PostgreSQL stops parsing and
            // planning the same INSERTs and claims on every unit of work (parsing alone was a tenth of its
            // CPU under requestModel load). Enough slots for every hot statement of a service; rarer ones
            // (multi-row inserts of unusual sizes) take the least recently used slot. A migration that changes
            // a table's columns under a running replica fails its prepared statements once (0A000); Npgsql then
            // drops them and prepares again.
            MaxAutoPrepare = 128,
            AutoPrepareMinUsages = 2,
        }.ConnectionString));
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>Health endpoints in every environment (Kubernetes probes need them) and Prometheus metrics.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteHealthAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        };
        return context.Response.WriteAsJsonAsync(body);
    }
}
