using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NocodeAI.Access.Auth;
using NocodeAI.Access.Infrastructure;
using NocodeAI.Access.Users;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.ServiceDefaults.Options;
using Npgsql;

namespace NocodeAI.Access.Extensions;

public static class Extensions
{
    /// <summary>
    /// The access service's own parts. Nothing here touches the database or reads a key while the
    /// container is built, so <c>--export-schema</c> works with no dependency reachable.
    /// </summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<PasswordHashingOptions>();
        // This service signs tokens: on top of the validation every subgraph does, it needs a matching private key.
        services.AddSingleton<IValidateOptions<IdentityOptions>, SigningKeyValidation>();

        // A factory rather than the scoped context: sibling GraphQL fields may resolve in parallel.
        builder.AddServiceDatabase<AccessDbContext>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddScoped<Authenticator>();
        services.AddValidatedOptions<SignInThrottleOptions>();
        services.AddSingleton<SignInThrottle>();
        services.AddHttpContextAccessor();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserReferenceBatch>();

        services.AddScoped<IDatabaseSeeder<AccessDbContext>, DevelopmentUsersSeeder>();
        return builder;
    }
}
