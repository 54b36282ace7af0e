using GraphQLParser.AST;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Planning;

/// <summary>
/// Cuts a validated operation into subgraph fetches using nothing but the supergraph's join
/// directives: root fields go to the graph that resolves them (a shareable field to a graph already
/// asked), a field the current graph cannot resolve becomes an <c>_entities</c> fetch to one that can,
/// keyed by a key both graphs know, with its <c>@requires</c> fields sent along; <c>@provides</c> lets a
/// graph answer external fields on the path that provides them. Abstract types are planned per
/// possible object type, so type conditions and hops work across graphs.
/// </summary>
public sealed class QueryPlanner(SupergraphModel model)
{
    /// <summary>Prefix of the aliases under which the gateway reads key and required fields for itself.</summary>
    public const string KeyPrefix = "__k_";

    public SupergraphModel Model => model;

    public QueryPlan Plan(GraphQLDocument document, GraphQLOperationDefinition operation) =>
        new OperationPlanner(model, operation).Plan(document);
}

/// <summary>The planning of one operation (its variable definitions are needed by every fetch it writes).</summary>
internal sealed class OperationPlanner(SupergraphModel model, GraphQLOperationDefinition operation)
{
    private const string KeyPrefix = QueryPlanner.KeyPrefix;

    /// <summary>A fragment names a type some graph it is planned for does not know: the client's text cannot go as is.</summary>
    private bool _foreignFragment;

    public QueryPlan Plan(GraphQLDocument document)
    {
        var selections = SelectionTree.Of(document, operation);
        var rootType = operation.Operation switch
        {
            OperationType.Mutation => model.MutationType!,
            OperationType.Subscription => model.SubscriptionType!,
            _ => model.QueryType,
        };

        var groups = new List<(string Graph, List<Selection> Selections)>();
        var introspection = false;
        Route(operation.Operation, rootType, selections, groups, ref introspection);

        var roots = new List<FetchNode>(groups.Count);
        foreach (var (graph, group) in groups)
        {
            var writer = new DocumentWriter();
            var children = new List<FetchNode>();
            writer.Append("{");
            PlanObject(writer, children, model.Type(rootType), group, [], graph, null);
            writer.Append("}");
            var keyword = operation.Operation switch
            {
                OperationType.Mutation => "mutation",
                OperationType.Subscription => "subscription",
                _ => "query",
            };
            var node = new FetchNode
            {
                Graph = graph,
                Operation = operation.Operation,
                Document = DocumentWriter.Header(keyword, null, writer.Variables, operation) + writer,
                Variables = [.. writer.Variables],
                RootKeys = [.. RootKeys(group)],
            };
            node.Children.AddRange(children);
            roots.Add(node);
        }

        var operations = document.Definitions.Count(d => d is GraphQLOperationDefinition);
        return new QueryPlan
        {
            Operation = operation.Operation,
            RootType = rootType,
            Selections = selections,
            Definition = operation,
            Roots = roots,
            Introspection = introspection,
            Passthrough = operations == 1 && !introspection && !_foreignFragment && roots.Count == 1 && roots[0].Children.Count == 0,
        };
    }

    internal static IEnumerable<string> RootKeys(IEnumerable<Selection> selections)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case FieldSelection field: yield return field.ResponseKey; break;
                case FragmentSelection fragment:
                    foreach (var key in RootKeys(fragment.Children)) yield return key;
                    break;
            }
        }
    }

    /// <summary>Assigns root fields to graphs, keeping the client's fragments (and their directives) around them.</summary>
    private void Route(OperationType operation, string rootType, IReadOnlyList<Selection> selections, List<(string Graph, List<Selection> Selections)> groups, ref bool introspection)
    {
        var type = model.Type(rootType);
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case FieldSelection { Name: "__typename" }:
                    break;
                case FieldSelection { Name: "__schema" or "__type" }:
                    introspection = true;
                    break;
                case FieldSelection field:
                    var info = type.Fields[field.Name];
                    var candidates = model.GraphsResolving(type, info).ToList();
                    var graph = groups.Select(g => g.Graph).LastOrDefault(candidates.Contains) ?? candidates[0];
                    GroupFor(operation, groups, graph).Add(field);
                    break;
                case FragmentSelection fragment:
                    var inner = new List<(string Graph, List<Selection> Selections)>();
                    Route(operation, rootType, fragment.Children, inner, ref introspection);
                    foreach (var (innerGraph, innerSelections) in inner)
                    {
                        GroupFor(operation, groups, innerGraph).Add(new FragmentSelection(null, fragment.Directives, innerSelections));
                    }

                    break;
            }
        }
    }

    /// <summary>A query asks each graph once; a mutation keeps its fields' order, so only neighbours share a fetch.</summary>
    private static List<Selection> GroupFor(OperationType operation, List<(string Graph, List<Selection> Selections)> groups, string graph)
    {
        if (operation == OperationType.Mutation)
        {
            if (groups.Count > 0 && groups[^1].Graph == graph) return groups[^1].Selections;
        }
        else
        {
            foreach (var group in groups)
            {
                if (group.Graph == graph) return group.Selections;
            }
        }

        var created = new List<Selection>();
        groups.Add((graph, created));
        return created;
    }

    /// <summary>Writes the selections of a value of <paramref name="type"/> that <paramref name="graph"/> answers; the rest become entity fetches.</summary>
    private void PlanComposite(DocumentWriter writer, List<FetchNode> children, TypeInfo type, IReadOnlyList<Selection> selections, List<string> path, string graph, GraphQLSelectionSet? provided)
    {
        if (type.Kind == TypeKind.Object)
        {
            PlanObject(writer, children, type, selections, path, graph, provided);
            return;
        }

        // Abstract: the shaper needs each object's type, and each possible type is planned on its own
        // so that type conditions and hops to other graphs work per type.
        writer.Append("__typename");
        foreach (var possible in model.PossibleTypesIn(type.Name, graph))
        {
            writer.Append(" ...on ").Append(possible).Append("{");
            PlanObject(writer, children, model.Type(possible), selections, path, graph, provided);
            writer.Append("}");
        }
    }

    private void PlanObject(DocumentWriter writer, List<FetchNode> children, TypeInfo type, IReadOnlyList<Selection> selections, List<string> path, string graph, GraphQLSelectionSet? provided)
    {
        var hops = new Dictionary<string, List<Selection>>(StringComparer.Ordinal);
        var start = writer.Length;
        WriteSelections(writer, children, type, selections, path, graph, provided, hops);

        foreach (var (target, hopSelections) in hops)
        {
            children.Add(EntityFetch(writer, type, hopSelections, path, graph, target));
        }

        if (writer.Length == start)
        {
            writer.Append("__typename");
        }
    }

    private void WriteSelections(DocumentWriter writer, List<FetchNode> children, TypeInfo type, IReadOnlyList<Selection> selections, List<string> path, string graph, GraphQLSelectionSet? provided, Dictionary<string, List<Selection>> hops)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case FieldSelection { Name: "__typename" } typename:
                    writer.Append(" ").Field(typename.Ast);
                    break;
                case FieldSelection field:
                    var info = type.Fields[field.Name];
                    var isProvided = provided?.Selections.Any(s => s is GraphQLField p && p.Name.StringValue == field.Name) == true;
                    if (model.Resolves(type, info, graph, isProvided))
                    {
                        writer.Append(" ").Field(field.Ast);
                        if (field.Children is { } fieldChildren)
                        {
                            var childProvided = isProvided
                                ? provided!.Selections.OfType<GraphQLField>().First(p => p.Name.StringValue == field.Name).SelectionSet
                                : model.Location(info, graph)?.Provides;
                            writer.Append("{");
                            PlanComposite(writer, children, model.Type(info.NamedType), fieldChildren, [.. path, field.ResponseKey], graph, childProvided);
                            writer.Append("}");
                        }
                    }
                    else
                    {
                        var target = HopTarget(type, info, graph, hops);
                        if (!hops.TryGetValue(target, out var list))
                        {
                            hops[target] = list = [];
                        }

                        list.Add(field);
                    }

                    break;
                case FragmentSelection fragment:
                    if (fragment.TypeCondition is { } condition && model.Types.TryGetValue(condition, out var conditionType) && !conditionType.Graphs.Contains(graph))
                    {
                        _foreignFragment = true;
                    }

                    if (!model.Satisfies(type.Name, fragment.TypeCondition))
                    {
                        break;
                    }

                    var inner = new Dictionary<string, List<Selection>>(StringComparer.Ordinal);
                    writer.Append(" ...");
                    writer.Directives(fragment.Directives);
                    writer.Append("{");
                    var start = writer.Length;
                    WriteSelections(writer, children, type, fragment.Children, path, graph, provided, inner);
                    if (writer.Length == start) writer.Append("__typename");
                    writer.Append("}");
                    foreach (var (target, innerSelections) in inner)
                    {
                        if (!hops.TryGetValue(target, out var list))
                        {
                            hops[target] = list = [];
                        }

                        list.Add(new FragmentSelection(null, fragment.Directives, innerSelections));
                    }

                    break;
            }
        }
    }

    /// <summary>The graph to fetch a field from: one already asked at this point if it can, else the first that resolves it by a key.</summary>
    private string HopTarget(TypeInfo type, FieldInfo field, string from, Dictionary<string, List<Selection>> hops)
    {
        var candidates = model.GraphsResolving(type, field)
            .Where(g => g != from && type.Keys.Any(k => k.Graph == g && k.Resolvable))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new PlanningException($"No subgraph can resolve {type.Name}.{field.Name} from {from}: {type.Name} has no key in a graph that resolves it.");
        }

        return candidates.FirstOrDefault(hops.ContainsKey) ?? candidates[0];
    }

    /// <summary>
    /// Asks <paramref name="from"/> for the key (and required fields) under <c>__k_</c> aliases and plans
    /// the fields for <paramref name="target"/> as an <c>_entities</c> fetch at the same path.
    /// </summary>
    private FetchNode EntityFetch(DocumentWriter writer, TypeInfo type, List<Selection> selections, List<string> path, string from, string target)
    {
        var key = type.Keys.Where(k => k.Graph == target && k.Resolvable)
            .OrderByDescending(k => k.Fields.Selections.OfType<GraphQLField>().All(f => type.Fields.TryGetValue(f.Name.StringValue, out var info) && model.Resolves(type, info, from)))
            .First();

        var representation = new List<string>();
        writer.Append(" __typename");
        WriteKeyFields(writer, key.Fields, representation);
        foreach (var field in FieldNames(selections))
        {
            if (type.Fields.TryGetValue(field, out var info) && model.Location(info, target)?.Requires is { } requires)
            {
                WriteKeyFields(writer, requires, representation);
            }
        }

        var entityWriter = new DocumentWriter();
        var grandChildren = new List<FetchNode>();
        entityWriter.Append("{_entities(representations:$representations){...on ").Append(type.Name).Append("{");
        PlanObject(entityWriter, grandChildren, type, selections, path, target, null);
        entityWriter.Append("}}}");

        var node = new FetchNode
        {
            Graph = target,
            Operation = OperationType.Query,
            Document = DocumentWriter.Header("query", null, entityWriter.Variables, operation, "$representations:[_Any!]!") + entityWriter,
            Variables = [.. entityWriter.Variables],
            Path = [.. path],
            EntityType = type.Name,
            RepresentationFields = representation,
            RootKeys = [.. RootKeys(selections).Distinct()],
        };
        node.Children.AddRange(grandChildren);
        return node;
    }

    private static void WriteKeyFields(DocumentWriter writer, GraphQLSelectionSet fields, List<string> representation)
    {
        foreach (var field in fields.Selections.OfType<GraphQLField>())
        {
            var name = field.Name.StringValue;
            if (representation.Contains(name)) continue;
            representation.Add(name);
            writer.Append(" ").Append(KeyPrefix).Append(name).Append(":").Append(name);
            if (field.SelectionSet is { } nested)
            {
                writer.Append("{__typename");
                WritePlain(writer, nested);
                writer.Append("}");
            }
        }
    }

    private static void WritePlain(DocumentWriter writer, GraphQLSelectionSet fields)
    {
        foreach (var field in fields.Selections.OfType<GraphQLField>())
        {
            writer.Append(" ").Append(field.Name.StringValue);
            if (field.SelectionSet is { } nested)
            {
                writer.Append("{__typename");
                WritePlain(writer, nested);
                writer.Append("}");
            }
        }
    }

    private static IEnumerable<string> FieldNames(IEnumerable<Selection> selections)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case FieldSelection field: yield return field.Name; break;
                case FragmentSelection fragment:
                    foreach (var name in FieldNames(fragment.Children)) yield return name;
                    break;
            }
        }
    }
}

/// <summary>The supergraph offers no way to resolve what the operation asks (a composition problem, not the client's).</summary>
public sealed class PlanningException(string message) : Exception(message);
