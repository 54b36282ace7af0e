using GraphQLParser.AST;

namespace NocodeAI.Gateway.Planning;

/// <summary>
/// A client operation with its named fragments spread in place: fields and inline fragments, each
/// keeping its own <c>@skip</c>/<c>@include</c>. The planner cuts it into subgraph fetches and the
/// shaper walks it again over the merged results, so both read one tree.
/// </summary>
public abstract class Selection(GraphQLDirectives? directives)
{
    /// <summary>The client's directives on this selection (only <c>@skip</c> and <c>@include</c> are executable).</summary>
    public GraphQLDirectives? Directives { get; } = directives;
}

public sealed class FieldSelection(GraphQLField field, IReadOnlyList<Selection>? children) : Selection(field.Directives)
{
    public GraphQLField Ast { get; } = field;
    public string Name { get; } = field.Name.StringValue;
    public string ResponseKey { get; } = field.Alias?.Name.StringValue ?? field.Name.StringValue;
    public IReadOnlyList<Selection>? Children { get; } = children;
}

public sealed class FragmentSelection(string? typeCondition, GraphQLDirectives? directives, IReadOnlyList<Selection> children) : Selection(directives)
{
    public string? TypeCondition { get; } = typeCondition;
    public IReadOnlyList<Selection> Children { get; } = children;
}

public static class SelectionTree
{
    /// <summary>The operation's selections with every fragment spread replaced by an inline fragment.</summary>
    public static IReadOnlyList<Selection> Of(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var expanded = new Dictionary<string, IReadOnlyList<Selection>>(StringComparer.Ordinal);
        return Build(operation.SelectionSet, fragments, expanded, []);
    }

    private static List<Selection> Build(
        GraphQLSelectionSet set,
        Dictionary<string, GraphQLFragmentDefinition> fragments,
        Dictionary<string, IReadOnlyList<Selection>> expanded,
        HashSet<string> visiting)
    {
        var result = new List<Selection>(set.Selections.Count);
        foreach (var node in set.Selections)
        {
            switch (node)
            {
                case GraphQLField field:
                    result.Add(new FieldSelection(field, field.SelectionSet is { } children ? Build(children, fragments, expanded, visiting) : null));
                    break;
                case GraphQLInlineFragment inline:
                    result.Add(new FragmentSelection(inline.TypeCondition?.Type.Name.StringValue, inline.Directives, Build(inline.SelectionSet, fragments, expanded, visiting)));
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    if (!fragments.TryGetValue(name, out var fragment) || !visiting.Add(name))
                    {
                        // Unknown or cyclic: validation refuses such documents before planning.
                        continue;
                    }

                    if (!expanded.TryGetValue(name, out var children2))
                    {
                        children2 = Build(fragment.SelectionSet, fragments, expanded, visiting);
                        expanded[name] = children2;
                    }

                    visiting.Remove(name);
                    result.Add(new FragmentSelection(fragment.TypeCondition.Type.Name.StringValue, spread.Directives, children2));
                    break;
            }
        }

        return result;
    }
}
