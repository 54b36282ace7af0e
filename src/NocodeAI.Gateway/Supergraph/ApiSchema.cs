using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace NocodeAI.Gateway.Supergraph;

/// <summary>
/// The schema clients see: the supergraph without the join and link machinery (<c>join__*</c>,
/// <c>link__*</c>, their directives) and without anything <c>@inaccessible</c>. The gateway validates
/// every document against it and answers introspection from it, so <c>_entities</c>, <c>_service</c>
/// and <c>_Any</c> never show (composition leaves them out of the supergraph already).
/// </summary>
public static class ApiSchema
{
    /// <summary>Directives that belong to the API itself and stay on the elements that carry them.</summary>
    private static readonly HashSet<string> KeptDirectives = ["deprecated", "specifiedBy", "oneOf"];

    public static string Sdl(string supergraphSdl)
    {
        var document = Parser.Parse(supergraphSdl, new ParserOptions { Ignore = IgnoreOptions.Locations | IgnoreOptions.Comments });
        document.Definitions = document.Definitions.Where(Keep).ToList();
        foreach (var definition in document.Definitions)
        {
            Strip(definition);
        }

        using var writer = new StringWriter();
        new SDLPrinter().PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }

    /// <summary>A graphql-dotnet schema of the API SDL: used to validate documents and to answer introspection.</summary>
    public static ISchema Build(string apiSdl)
    {
        var abstractTypes = Parser.Parse(apiSdl).Definitions
            .Where(d => d is GraphQLUnionTypeDefinition or GraphQLInterfaceTypeDefinition)
            .Select(d => ((GraphQLTypeDefinition)d).Name.StringValue)
            .ToList();
        var schema = Schema.For(apiSdl, builder =>
        {
            builder.IgnoreComments = false;
            // graphql-dotnet wants unions and interfaces able to resolve their object type. This schema
            // only validates documents and answers introspection (the subgraphs resolve values), so a
            // resolver that is never asked is enough.
            foreach (var name in abstractTypes)
            {
                builder.Types.For(name).ResolveType = _ => null!;
            }
        });
        // Subscriptions are never executed here (the subgraphs stream them), but graphql-dotnet wants
        // every subscription field to have a stream resolver.
        foreach (var field in schema.Subscription?.Fields ?? [])
        {
            field.StreamResolver = new GraphQL.Resolvers.SourceStreamResolver<object>(_ => NoEvents.Instance);
        }

        schema.Initialize();
        return schema;
    }

    private static bool Keep(ASTNode definition) => definition switch
    {
        GraphQLDirectiveDefinition d => !SupergraphModel.IsJoinOrLink(d.Name.StringValue)
            && d.Name.StringValue is not ("link" or "inaccessible" or "tag" or "authenticated" or "requiresScopes" or "policy" or "cost" or "listSize")
            && !KeptDirectives.Contains(d.Name.StringValue),
        GraphQLTypeDefinition t => !SupergraphModel.IsJoinOrLink(t.Name.StringValue) && !Inaccessible(t),
        GraphQLSchemaDefinition => true,
        _ => true,
    };

    private static bool Inaccessible(ASTNode node) => DirectivesOf(node)?.Items.Any(d => d.Name.StringValue == "inaccessible") == true;

    private static GraphQLDirectives? DirectivesOf(ASTNode node) => node switch
    {
        IHasDirectivesNode withDirectives => withDirectives.Directives,
        _ => null,
    };

    private static void Strip(ASTNode node)
    {
        if (node is IHasDirectivesNode withDirectives && withDirectives.Directives is { } directives)
        {
            var kept = directives.Items.Where(d => KeptDirectives.Contains(d.Name.StringValue)).ToList();
            withDirectives.Directives = kept.Count == 0 ? null : new GraphQLDirectives(kept);
        }

        switch (node)
        {
            case GraphQLObjectTypeDefinition o:
                o.Fields = Fields(o.Fields);
                foreach (var field in o.Fields?.Items ?? []) Strip(field);
                break;
            case GraphQLInterfaceTypeDefinition i:
                i.Fields = Fields(i.Fields);
                foreach (var field in i.Fields?.Items ?? []) Strip(field);
                break;
            case GraphQLFieldDefinition f:
                if (f.Arguments is { } arguments)
                {
                    arguments.Items = arguments.Items.Where(a => !Inaccessible(a)).ToList();
                    foreach (var argument in arguments.Items) Strip(argument);
                    if (arguments.Items.Count == 0) f.Arguments = null;
                }

                break;
            case GraphQLInputObjectTypeDefinition io when io.Fields is { } inputFields:
                inputFields.Items = inputFields.Items.Where(a => !Inaccessible(a)).ToList();
                foreach (var field in inputFields.Items) Strip(field);
                break;
            case GraphQLEnumTypeDefinition e when e.Values is { } values:
                values.Items = values.Items.Where(v => !Inaccessible(v)).ToList();
                foreach (var value in values.Items) Strip(value);
                break;
            case GraphQLUnionTypeDefinition u when u.Types is { } members:
                // A member that is itself inaccessible is no longer part of the API.
                break;
        }
    }

    private static GraphQLFieldsDefinition? Fields(GraphQLFieldsDefinition? fields)
    {
        if (fields is null) return null;
        fields.Items = fields.Items.Where(f => !Inaccessible(f)).ToList();
        return fields;
    }
}

/// <summary>A stream that never yields: the gateway's schema only validates and introspects subscriptions.</summary>
internal sealed class NoEvents : IObservable<object?>, IDisposable
{
    public static readonly NoEvents Instance = new();

    public IDisposable Subscribe(IObserver<object?> observer) => this;

    public void Dispose() { }
}
