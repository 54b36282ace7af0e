using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.ServiceDefaults;
using NocodeAI.Targets.Infrastructure;
using NocodeAI.Targets.TargetMembers;
using Npgsql;

namespace NocodeAI.Targets;

public static class TargetsPersistenceExtensions
{
    /// <summary>
    /// The targets database for the context's worker (ConnectionStrings:Database): the same model as the
    /// service's, without migrations (the targets service applies them) and without the outbox (the worker
    /// publishes its reports directly), plus <see cref="TargetMemberStore"/>.
    /// </summary>
    public static WebApplicationBuilder AddTargetsWorkerPersistence(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPostgres("Database");
        builder.Services.AddDbContext<TargetsDbContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(),
            // One array parameter for `ids.Contains(...)`, as in every service (DatabaseExtensions says why).
            npgsql => npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));
        builder.Services.AddScoped<TargetMemberStore>();
        return builder;
    }
}
