using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using NocodeAI.Gateway.Planning;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Execution;

/// <summary>
/// What the gateway refuses before planning, so that no document can make it (or a subgraph)
/// burn CPU: too many tokens, nesting deeper than the limit (fragments flattened, introspection
/// included), too many aliases, root fields or directives, or an estimated cost above the limit
/// (a list multiplies its selection by its <c>first</c> argument, 20 when absent).
/// </summary>
public static class DocumentLimits
{
    public const string Code = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>Counts tokens with the parser's own lexer, stopping as soon as the limit is passed.</summary>
    public static JsonObject? CheckTokens(string query, int maxTokens)
    {
        var count = 0;
        var position = 0;
        while (true)
        {
            Token token;
            try
            {
                token = Lexer.Lex(query, position);
            }
            catch (GraphQLParser.Exceptions.GraphQLParserException)
            {
                return null; // the parser reports it, with its location
            }

            if (token.Kind == TokenKind.EOF) return null;
            if (++count > maxTokens)
            {
                return Refusal($"The document has more than {maxTokens} tokens.", "TOKENS");
            }

            position = token.End;
        }
    }

    public static JsonObject? Check(SupergraphModel model, string rootType, IReadOnlyList<Selection> selections, GatewayOptions options)
    {
        var aliases = 0;
        var directives = 0;
        var rootFields = 0;
        var depth = Depth(selections, 0, ref aliases, ref directives);
        foreach (var _ in RootFields(selections)) rootFields++;

        if (depth > options.MaxDepth) return Refusal($"The document is {depth} levels deep; at most {options.MaxDepth} are allowed.", "DEPTH");
        if (aliases > options.MaxAliases) return Refusal($"The document has {aliases} aliases; at most {options.MaxAliases} are allowed.", "ALIASES");
        if (directives > options.MaxDirectives) return Refusal($"The document has {directives} directives; at most {options.MaxDirectives} are allowed.", "DIRECTIVES");
        if (rootFields > options.MaxRootFields) return Refusal($"The operation selects {rootFields} root fields; at most {options.MaxRootFields} are allowed.", "ROOT_FIELDS");
        var cost = Cost(model, rootType, selections);
        if (cost > options.MaxCost) return Refusal($"The operation's estimated cost is {cost}; at most {options.MaxCost} is allowed.", "COST");
        return null;
    }

    public static JsonObject Refusal(string message, string rule) => new()
    {
        ["message"] = message,
        ["extensions"] = new JsonObject { ["code"] = Code, ["rule"] = rule },
    };

    private static int Depth(IReadOnlyList<Selection> selections, int level, ref int aliases, ref int directives)
    {
        var deepest = level;
        foreach (var selection in selections)
        {
            directives += selection.Directives?.Count ?? 0;
            switch (selection)
            {
                case FieldSelection field:
                    if (field.Ast.Alias is not null) aliases++;
                    deepest = Math.Max(deepest, field.Children is { } children ? Depth(children, level + 1, ref aliases, ref directives) : level + 1);
                    break;
                case FragmentSelection fragment:
                    deepest = Math.Max(deepest, Depth(fragment.Children, level, ref aliases, ref directives));
                    break;
            }
        }

        return deepest;
    }

    private static IEnumerable<FieldSelection> RootFields(IEnumerable<Selection> selections)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case FieldSelection field: yield return field; break;
                case FragmentSelection fragment:
                    foreach (var inner in RootFields(fragment.Children)) yield return inner;
                    break;
            }
        }
    }

    private static long Cost(SupergraphModel model, string typeName, IEnumerable<Selection> selections)
    {
        long total = 0;
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case FieldSelection field when field.Name.StartsWith("__", StringComparison.Ordinal):
                    total += 1;
                    break;
                case FieldSelection field:
                    total += 1;
                    if (field.Children is { } children && model.Types.TryGetValue(typeName, out var type) && type.Fields.TryGetValue(field.Name, out var info))
                    {
                        var multiplier = IsList(info.Type) ? Multiplier(field.Ast) : 1;
                        total += multiplier * Cost(model, info.NamedType, children);
                    }

                    break;
                case FragmentSelection fragment:
                    total += Cost(model, fragment.TypeCondition ?? typeName, fragment.Children);
                    break;
            }

            if (total > int.MaxValue) return int.MaxValue;
        }

        return total;
    }

    private static bool IsList(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => IsList(n.Type),
        GraphQLListType => true,
        _ => false,
    };

    private static long Multiplier(GraphQLField field)
    {
        var first = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue is "first" or "last")?.Value;
        return first is GraphQLIntValue value && long.TryParse(value.Value.Span, out var n) ? Math.Clamp(n, 1, 1_000) : 20;
    }
}
