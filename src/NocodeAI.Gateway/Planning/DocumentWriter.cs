using System.Globalization;
using System.Text;
using GraphQLParser.AST;

namespace NocodeAI.Gateway.Planning;

/// <summary>
/// Writes a subgraph operation: selections, arguments and directives as the client wrote them,
/// noting every variable used so the fetch declares and sends only those.
/// </summary>
public sealed class DocumentWriter
{
    private readonly StringBuilder _text = new();

    public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

    public DocumentWriter Append(string text)
    {
        _text.Append(text);
        return this;
    }

    public int Length => _text.Length;

    public override string ToString() => _text.ToString();

    public void Field(GraphQLField field, string? aliasOverride = null)
    {
        var alias = aliasOverride ?? field.Alias?.Name.StringValue;
        if (alias is not null)
        {
            _text.Append(alias).Append(':');
        }

        _text.Append(field.Name.StringValue);
        if (field.Arguments is { Count: > 0 } arguments)
        {
            _text.Append('(');
            for (var i = 0; i < arguments.Count; i++)
            {
                if (i > 0) _text.Append(',');
                _text.Append(arguments[i].Name.StringValue).Append(':');
                Value(arguments[i].Value);
            }

            _text.Append(')');
        }

        Directives(field.Directives);
    }

    /// <summary>Only the executable directives the subgraph must honour; the shaper honours them again.</summary>
    public void Directives(GraphQLDirectives? directives)
    {
        if (directives is null) return;
        foreach (var directive in directives.Items)
        {
            _text.Append(" @").Append(directive.Name.StringValue);
            if (directive.Arguments is { Count: > 0 } arguments)
            {
                _text.Append('(');
                for (var i = 0; i < arguments.Count; i++)
                {
                    if (i > 0) _text.Append(',');
                    _text.Append(arguments[i].Name.StringValue).Append(':');
                    Value(arguments[i].Value);
                }

                _text.Append(')');
            }
        }
    }

    public void Value(GraphQLValue value)
    {
        switch (value)
        {
            case GraphQLVariable variable:
                Variables.Add(variable.Name.StringValue);
                _text.Append('$').Append(variable.Name.StringValue);
                break;
            case GraphQLIntValue i: _text.Append(i.Value.Span); break;
            case GraphQLFloatValue f: _text.Append(f.Value.Span); break;
            case GraphQLBooleanValue b: _text.Append(b.BoolValue ? "true" : "false"); break;
            case GraphQLNullValue: _text.Append("null"); break;
            case GraphQLEnumValue e: _text.Append(e.Name.StringValue); break;
            case GraphQLStringValue s: String(s.Value.ToString()); break;
            case GraphQLListValue list:
                _text.Append('[');
                for (var i = 0; i < (list.Values?.Count ?? 0); i++)
                {
                    if (i > 0) _text.Append(',');
                    Value(list.Values![i]);
                }

                _text.Append(']');
                break;
            case GraphQLObjectValue obj:
                _text.Append('{');
                for (var i = 0; i < (obj.Fields?.Count ?? 0); i++)
                {
                    if (i > 0) _text.Append(',');
                    _text.Append(obj.Fields![i].Name.StringValue).Append(':');
                    Value(obj.Fields[i].Value);
                }

                _text.Append('}');
                break;
        }
    }

    public static void Type(StringBuilder text, GraphQLType type)
    {
        switch (type)
        {
            case GraphQLNonNullType n: Type(text, n.Type); text.Append('!'); break;
            case GraphQLListType l: text.Append('['); Type(text, l.Type); text.Append(']'); break;
            case GraphQLNamedType named: text.Append(named.Name.StringValue); break;
        }
    }

    private void String(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < 0x20) _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else _text.Append(c);
                    break;
            }
        }

        _text.Append('"');
    }

    /// <summary>The operation header declaring the variables the body used, typed as the client declared them.</summary>
    public static string Header(string keyword, string? name, IEnumerable<string> used, GraphQLOperationDefinition operation, string? extra = null)
    {
        var text = new StringBuilder(keyword);
        if (name is not null) text.Append(' ').Append(name);
        var definitions = operation.Variables?.Items.Where(v => used.Contains(v.Variable.Name.StringValue)).ToList() ?? [];
        if (definitions.Count > 0 || extra is not null)
        {
            text.Append('(');
            var first = true;
            if (extra is not null)
            {
                text.Append(extra);
                first = false;
            }

            foreach (var definition in definitions)
            {
                if (!first) text.Append(',');
                first = false;
                text.Append('$').Append(definition.Variable.Name.StringValue).Append(':');
                Type(text, definition.Type);
                if (definition.DefaultValue is { } defaultValue)
                {
                    var writer = new DocumentWriter();
                    writer.Value(defaultValue);
                    text.Append('=').Append(writer);
                }
            }

            text.Append(')');
        }

        return text.ToString();
    }
}
