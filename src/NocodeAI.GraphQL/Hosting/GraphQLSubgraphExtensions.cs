using GraphQL.DI;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NocodeAI.GraphQL.Errors;
using NocodeAI.GraphQL.Identity;
using NocodeAI.GraphQL.RateLimiting;
using NocodeAI.ServiceDefaults.Options;

namespace NocodeAI.GraphQL.Hosting;

public static class GraphQLSubgraphExtensions
{
    /// <summary>Federation version every subgraph declares in its @link.</summary>
    public const string FederationVersion = "2.3";

    /// <summary>
    /// The one GraphQL host every subgraph uses: graphql-dotnet with Federation 2, the graph types
    /// of the service's assembly, shaped errors, depth and complexity limits, a per-user mutation rate
    /// limit and a document cache. The service registers Redis (<c>AddRealtime</c>), which revocations and the rate limit use.
    /// </summary>
    public static WebApplicationBuilder AddGraphQLSubgraph<TSchema>(this WebApplicationBuilder builder, Action<IGraphQLBuilder>? configure = null)
        where TSchema : Schema
    {
        builder.Services.AddValidatedOptions<GraphQLHostOptions>("GraphQL");
        // Signed-out tokens and tokens from before a role change are refused in every subgraph (Redis).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTokenRevocation();
        // Each signed-in user's mutations are counted in Redis over every subgraph (MutationRateLimitOptions says why).
        builder.Services.AddValidatedOptions<MutationRateLimitOptions>();
        builder.Services.AddSingleton<MutationRateLimiter>();
        builder.Services.AddGraphQL(graphql =>
        {
            graphql
                .AddSchema<TSchema>()
                .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
                .AddGraphTypes(typeof(TSchema).Assembly)
                .AddFederation(FederationVersion)
                .AddSchemaVisitor<SharedValueTypesVisitor>()
                .AddSchemaVisitor<MutationRateLimitVisitor>()
                // Last, so a refused token answers before anything else runs.
                .AddSchemaVisitor<RefuseInvalidTokenVisitor>()
                .ConfigureSchema(schema =>
                {
                    // Composition tools need these to read the federation directives we print.
                    schema.Features.AppliedDirectives = true;
                    schema.Features.RepeatableDirectives = true;
                    schema.Features.DeprecationOfInputValues = true;
                })
                .AddErrorInfoProvider<NocodeErrorInfoProvider>()
                // Also for cached documents (DocumentCache): a list's cost multiplies by its first/last
                // argument, which may be a variable that differs from the request that cached the text.
                .AddValidationRule<ComplexityValidationRule>(useForCachedDocuments: true)
                .AddUnhandledExceptionHandler(context =>
                {
                    var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("NocodeAI.GraphQL")
                        ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                    UnhandledExceptionMapper.Map(context, logger);
                })
                // The HTTP endpoint sets the user context with the token check; anything else (tests, tools) gets the plain one.
                .ConfigureExecutionOptions(options =>
                {
                    if (options.UserContext is not GraphQLUserContext)
                    {
                        options.UserContext = new GraphQLUserContext(options.User);
                    }
                })
                // Resolvers share the request's scoped DbContext, which is not thread-safe: run fields in order.
                .AddExecutionStrategy<global::GraphQL.Execution.SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query);
            graphql.Services.Configure<ComplexityOptions>((complexity, services) =>
            {
                var limits = services.GetRequiredService<IOptions<GraphQLHostOptions>>().Value;
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
            });
            graphql.ConfigureExecution<DocumentCache>();
            configure?.Invoke(graphql);
        });
        return builder;
    }
}
