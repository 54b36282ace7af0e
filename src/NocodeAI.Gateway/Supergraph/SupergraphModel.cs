using GraphQLParser;
using GraphQLParser.AST;

namespace NocodeAI.Gateway.Supergraph;

public enum TypeKind { Object, Interface, Union, Enum, InputObject, Scalar }

/// <summary>A subgraph as the supergraph names it: the <c>join__Graph</c> enum value and its URL.</summary>
public sealed record SubgraphInfo(string Id, string Name, Uri Url);

/// <summary>One <c>@join__type(graph:, key:)</c>: a key a subgraph resolves the entity by.</summary>
public sealed record EntityKey(string Graph, GraphQLSelectionSet Fields, string Text, bool Resolvable);

/// <summary>One <c>@join__field</c>: where a field lives and how.</summary>
public sealed record FieldLocation(
    string Graph,
    GraphQLSelectionSet? Requires,
    GraphQLSelectionSet? Provides,
    bool External,
    bool UsedOverridden);

public sealed class FieldInfo(string name, GraphQLType type, string namedType, IReadOnlyList<FieldLocation> locations, bool inaccessible)
{
    public string Name { get; } = name;
    public GraphQLType Type { get; } = type;
    public string NamedType { get; } = namedType;

    /// <summary>Empty when the field has no <c>@join__field</c>: it then lives wherever its type does.</summary>
    public IReadOnlyList<FieldLocation> Locations { get; } = locations;
    public bool Inaccessible { get; } = inaccessible;
}

public sealed class TypeInfo(string name, TypeKind kind)
{
    public string Name { get; } = name;
    public TypeKind Kind { get; } = kind;
    public Dictionary<string, FieldInfo> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The graphs with a <c>@join__type</c> for this type.</summary>
    public HashSet<string> Graphs { get; } = new(StringComparer.Ordinal);
    public List<EntityKey> Keys { get; } = [];

    /// <summary>Interfaces implemented, per graph (<c>@join__implements</c>) and overall.</summary>
    public HashSet<string> Interfaces { get; } = new(StringComparer.Ordinal);
    public HashSet<(string Graph, string Interface)> ImplementsIn { get; } = [];

    /// <summary>Union members, per graph (<c>@join__unionMember</c>) and overall.</summary>
    public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
    public HashSet<(string Graph, string Member)> MembersIn { get; } = [];
    public bool Inaccessible { get; set; }

    public bool IsAbstract => Kind is TypeKind.Interface or TypeKind.Union;
    public bool IsComposite => Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union;
}

/// <summary>
/// What the planner knows: every type and field of the supergraph with the subgraphs that resolve
/// it, read only from the join spec's directives (<c>@join__type</c>, <c>@join__field</c>,
/// <c>@join__implements</c>, <c>@join__unionMember</c>, <c>@join__graph</c>) and <c>@inaccessible</c>.
/// </summary>
public sealed class SupergraphModel
{
    private readonly Dictionary<string, IReadOnlyList<string>> _possibleTypes = new(StringComparer.Ordinal);

    private SupergraphModel() { }

    public Dictionary<string, SubgraphInfo> Subgraphs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TypeInfo> Types { get; } = new(StringComparer.Ordinal);
    public string QueryType { get; private set; } = "Query";
    public string? MutationType { get; private set; }
    public string? SubscriptionType { get; private set; }

    public TypeInfo Type(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Unknown type {name}.");

    /// <summary>Object types a value of this type can be (the type itself for an object).</summary>
    public IReadOnlyList<string> PossibleTypes(string typeName)
    {
        lock (_possibleTypes)
        {
            if (_possibleTypes.TryGetValue(typeName, out var cached))
            {
                return cached;
            }

            var type = Type(typeName);
            IReadOnlyList<string> result = type.Kind switch
            {
                TypeKind.Object => [typeName],
                TypeKind.Union => [.. type.Members],
                TypeKind.Interface => [.. Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(typeName)).Select(t => t.Name)],
                _ => [],
            };
            _possibleTypes[typeName] = result;
            return result;
        }
    }

    /// <summary>Whether an object of <paramref name="objectType"/> satisfies a fragment on <paramref name="condition"/>.</summary>
    public bool Satisfies(string objectType, string? condition) =>
        condition is null || condition == objectType || PossibleTypes(condition).Contains(objectType);

    /// <summary>Object types of an abstract type that a graph itself knows as such.</summary>
    public IEnumerable<string> PossibleTypesIn(string typeName, string graph)
    {
        var type = Type(typeName);
        return PossibleTypes(typeName).Where(member =>
            Types[member].Graphs.Contains(graph)
            && type.Kind switch
            {
                TypeKind.Union => type.MembersIn.Count == 0 || type.MembersIn.Contains((graph, member)),
                TypeKind.Interface => Types[member].ImplementsIn.Count == 0 || Types[member].ImplementsIn.Contains((graph, typeName)),
                _ => true,
            });
    }

    /// <summary>
    /// Whether <paramref name="graph"/> resolves the field itself: a field without <c>@join__field</c>
    /// lives in every graph of its type; otherwise where it is neither external (unless the parent
    /// field <c>@provides</c> it) nor overridden.
    /// </summary>
    public bool Resolves(TypeInfo type, FieldInfo field, string graph, bool provided = false)
    {
        if (field.Locations.Count == 0)
        {
            return type.Graphs.Contains(graph);
        }

        foreach (var location in field.Locations)
        {
            if (location.Graph == graph && !location.UsedOverridden && (!location.External || provided))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<string> GraphsResolving(TypeInfo type, FieldInfo field) =>
        field.Locations.Count == 0
            ? type.Graphs
            : field.Locations.Where(l => !l.External && !l.UsedOverridden).Select(l => l.Graph).Distinct();

    public FieldLocation? Location(FieldInfo field, string graph) =>
        field.Locations.FirstOrDefault(l => l.Graph == graph && !l.External);

    public static SupergraphModel Parse(string sdl)
    {
        var document = Parser.Parse(sdl, new ParserOptions { Ignore = IgnoreOptions.Comments });
        var model = new SupergraphModel();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLSchemaDefinition schema:
                    foreach (var root in schema.OperationTypes)
                    {
                        var name = root.Type!.Name.StringValue;
                        switch (root.Operation)
                        {
                            case OperationType.Query: model.QueryType = name; break;
                            case OperationType.Mutation: model.MutationType = name; break;
                            case OperationType.Subscription: model.SubscriptionType = name; break;
                        }
                    }

                    break;
                case GraphQLEnumTypeDefinition { Name.StringValue: "join__Graph" } graphs:
                    foreach (var value in graphs.Values?.Items ?? [])
                    {
                        var join = Directive(value.Directives, "join__graph");
                        if (join is not null)
                        {
                            model.Subgraphs[value.EnumValue.Name.StringValue] = new SubgraphInfo(
                                value.EnumValue.Name.StringValue, StringArgument(join, "name")!, new Uri(StringArgument(join, "url")!));
                        }
                    }

                    break;
            }
        }

        foreach (var builtIn in new[] { "String", "Int", "Float", "Boolean", "ID" })
        {
            model.Types[builtIn] = new TypeInfo(builtIn, TypeKind.Scalar);
        }

        foreach (var definition in document.Definitions.OfType<GraphQLTypeDefinition>())
        {
            var name = definition.Name.StringValue;
            if (IsJoinOrLink(name))
            {
                continue;
            }

            var (kind, directives) = definition switch
            {
                GraphQLObjectTypeDefinition o => (TypeKind.Object, o.Directives),
                GraphQLInterfaceTypeDefinition i => (TypeKind.Interface, i.Directives),
                GraphQLUnionTypeDefinition u => (TypeKind.Union, u.Directives),
                GraphQLEnumTypeDefinition e => (TypeKind.Enum, e.Directives),
                GraphQLInputObjectTypeDefinition io => (TypeKind.InputObject, io.Directives),
                GraphQLScalarTypeDefinition s => (TypeKind.Scalar, s.Directives),
                _ => (TypeKind.Scalar, null),
            };
            var type = new TypeInfo(name, kind) { Inaccessible = Directive(directives, "inaccessible") is not null };
            foreach (var join in Directives(directives, "join__type"))
            {
                var graph = EnumArgument(join, "graph")!;
                type.Graphs.Add(graph);
                if (StringArgument(join, "key") is { } key)
                {
                    type.Keys.Add(new EntityKey(graph, ParseSelection(key), key, BoolArgument(join, "resolvable") ?? true));
                }
            }

            foreach (var join in Directives(directives, "join__implements"))
            {
                type.ImplementsIn.Add((EnumArgument(join, "graph")!, StringArgument(join, "interface")!));
            }

            foreach (var join in Directives(directives, "join__unionMember"))
            {
                type.MembersIn.Add((EnumArgument(join, "graph")!, StringArgument(join, "member")!));
            }

            switch (definition)
            {
                case GraphQLObjectTypeDefinition o:
                    AddFields(type, o.Fields);
                    foreach (var i in o.Interfaces?.Items ?? []) type.Interfaces.Add(i.Name.StringValue);
                    break;
                case GraphQLInterfaceTypeDefinition i:
                    AddFields(type, i.Fields);
                    foreach (var parent in i.Interfaces?.Items ?? []) type.Interfaces.Add(parent.Name.StringValue);
                    break;
                case GraphQLUnionTypeDefinition u:
                    foreach (var member in u.Types?.Items ?? []) type.Members.Add(member.Name.StringValue);
                    break;
            }

            model.Types[name] = type;
        }

        return model;
    }

    public static bool IsJoinOrLink(string name) => name.StartsWith("join__", StringComparison.Ordinal) || name.StartsWith("link__", StringComparison.Ordinal);

    public static string NamedTypeOf(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => NamedTypeOf(n.Type),
        GraphQLListType l => NamedTypeOf(l.Type),
        GraphQLNamedType named => named.Name.StringValue,
        _ => throw new InvalidOperationException("Unknown type reference."),
    };

    private static void AddFields(TypeInfo type, GraphQLFieldsDefinition? fields)
    {
        foreach (var field in fields?.Items ?? [])
        {
            var locations = Directives(field.Directives, "join__field")
                .Where(d => EnumArgument(d, "graph") is not null)
                .Select(d => new FieldLocation(
                    EnumArgument(d, "graph")!,
                    StringArgument(d, "requires") is { } requires ? ParseSelection(requires) : null,
                    StringArgument(d, "provides") is { } provides ? ParseSelection(provides) : null,
                    BoolArgument(d, "external") ?? false,
                    BoolArgument(d, "usedOverridden") ?? false))
                .ToList();
            type.Fields[field.Name.StringValue] = new FieldInfo(
                field.Name.StringValue, field.Type, NamedTypeOf(field.Type), locations, Directive(field.Directives, "inaccessible") is not null);
        }
    }

    /// <summary>A field set (<c>"id organization { id }"</c>) as a selection set.</summary>
    public static GraphQLSelectionSet ParseSelection(string fieldSet)
    {
        var document = Parser.Parse("{" + fieldSet + "}", new ParserOptions { Ignore = IgnoreOptions.All });
        return ((GraphQLOperationDefinition)document.Definitions[0]).SelectionSet;
    }

    private static GraphQLDirective? Directive(GraphQLDirectives? directives, string name) =>
        directives?.Items.FirstOrDefault(d => d.Name.StringValue == name);

    private static IEnumerable<GraphQLDirective> Directives(GraphQLDirectives? directives, string name) =>
        directives?.Items.Where(d => d.Name.StringValue == name) ?? [];

    private static GraphQLValue? Argument(GraphQLDirective directive, string name) =>
        directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value;

    private static string? StringArgument(GraphQLDirective directive, string name) =>
        Argument(directive, name) is GraphQLStringValue s ? s.Value.ToString() : null;

    private static string? EnumArgument(GraphQLDirective directive, string name) =>
        Argument(directive, name) is GraphQLEnumValue e ? e.Name.StringValue : null;

    private static bool? BoolArgument(GraphQLDirective directive, string name) =>
        Argument(directive, name) is GraphQLBooleanValue b ? b.BoolValue : null;
}
