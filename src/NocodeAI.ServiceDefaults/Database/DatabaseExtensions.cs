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
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.ExecutionStrategy(d => new ReconnectingExecutionStrategy(d)));
            configure?.Invoke(provider, options);
        });
        builder.Services.AddHostedService<DatabaseInitializer<TContext>>();
        return builder;
    }
}
