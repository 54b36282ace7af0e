using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.ServiceDefaults.Options;
using Npgsql;

namespace NocodeAI.ServiceDefaults.Database;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database (ConnectionStrings:Database): the data source and its
    /// readiness check, a scoped <typeparamref name="TContext"/> and its factory, and migrations plus seeders at start.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TContext>(
        this WebApplicationBuilder builder,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        builder.AddPostgres("Database");
        builder.Services.AddValidatedOptions<DatabaseOptions>();
        // The factory also registers a scoped TContext; the factory serves work that runs in parallel.
        builder.Services.AddDbContextFactory<TContext>((provider, options) =>
        {
            // Parameter: `ids.Contains(x.Id)` becomes `= ANY(@ids)`, one array parameter. EF's default (one
            // parameter per element) makes a new SQL text, and a new compiled query, for every list length;
            // a batch-aware projection asks with a different length almost every time, and in a CPU profile
            // of notices draining a backlog its one `Contains` query took over a quarter of the process.
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql
                .ExecutionStrategy(d => new ReconnectingExecutionStrategy(d))
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
            configure?.Invoke(provider, options);
        });
        builder.Services.AddHostedService<DatabaseInitializer<TContext>>();
        return builder;
    }
}
