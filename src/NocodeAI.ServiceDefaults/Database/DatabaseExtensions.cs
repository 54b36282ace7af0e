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
    /// readiness check, a pooled <typeparamref name="TContext"/> (scoped, and a factory), and migrations plus seeders at start.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TContext>(
        this WebApplicationBuilder builder,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        builder.AddPostgres("Database");
        builder.Services.AddValidatedOptions<DatabaseOptions>();
        // Contexts come from a pool: a new context builds its internal services on first use, which took
        // 9 % of the models service's CPU in a profile of requestModel under load. A pooled context is
        // reset (change tracker, transaction) when it goes back. The factory serves work that runs in parallel.
        builder.Services.AddPooledDbContextFactory<TContext>((provider, options) =>
        {
            // Parameter: `ids.Contains(x.Id)` becomes `= ANY(@ids)`, one array parameter. EF's default (one
            // parameter per element) makes a new SQL text, and a new compiled query, for every list length;
            // a batch-aware projection asks with a different length almost every time, and in a CPU profile
            // of notices draining a backlog its one `Contains` query took over a quarter of the process.
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql
                .ExecutionStrategy(d => new ReconnectingExecutionStrategy(d))
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
            options.UseInsertOnlyBatchesWithoutTransaction();
            configure?.Invoke(provider, options);
        });
        // The scoped context of a request or a message is leased from the same pool; the scope's end gives it back.
        builder.Services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        builder.Services.AddHostedService<DatabaseInitializer<TContext>>();
        return builder;
    }
}
