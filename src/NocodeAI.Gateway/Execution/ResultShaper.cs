using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using NocodeAI.Gateway.Planning;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Execution;

/// <summary>
/// Builds the client's answer from the merged fetch results by walking the client's own
/// operation: response keys in selection order, <c>__typename</c>, <c>@skip</c>/<c>@include</c>, type
/// conditions, and GraphQL's null propagation (a null in a non-null position nulls the nearest
/// nullable parent). Whatever the gateway asked for itself (keys under <c>__k_</c>) never shows.
/// </summary>
public sealed class ResultShaper(SupergraphModel model, GraphQLOperationDefinition operation, JsonElement variables, List<JsonObject> errors)
{
    public JsonObject? Shape(string rootType, IReadOnlyList<Selection> selections, JsonObject data, JsonObject? introspection)
    {
        var output = new JsonObject();
        var type = model.Type(rootType);
        foreach (var (key, fields) in Collect(rootType, selections))
        {
            var first = fields[0];
            if (first.Name == "__typename")
            {
                output[key] = rootType;
                continue;
            }

            if (first.Name is "__schema" or "__type")
            {
                output[key] = introspection?[key]?.DeepClone();
                continue;
            }

            var field = type.Fields[first.Name];
            if (!TryComplete(field.Type, fields, data[key], [key], $"{rootType}.{first.Name}", out var value))
            {
                return null;
            }

            output[key] = value;
        }

        return output;
    }

    private bool TryComplete(GraphQLType type, List<FieldSelection> fields, JsonNode? value, List<object> path, string fieldName, out JsonNode? result)
    {
        if (type is GraphQLNonNullType nonNull)
        {
            if (!TryComplete(nonNull.Type, fields, value, path, fieldName, out result) || result is null)
            {
                NullError(path, fieldName);
                result = null;
                return false;
            }

            return true;
        }

        result = null;
        if (value is null || value.GetValueKind() == JsonValueKind.Null)
        {
            return true;
        }

        switch (type)
        {
            case GraphQLListType list:
                if (value is not JsonArray items)
                {
                    return true;
                }

                var array = new JsonArray();
                for (var i = 0; i < items.Count; i++)
                {
                    if (!TryComplete(list.Type, fields, items[i], [.. path, i], fieldName, out var item))
                    {
                        return true; // a non-null item was null: the list is null
                    }

                    array.Add(item);
                }

                result = array;
                return true;
            case GraphQLNamedType named:
                var typeInfo = model.Type(named.Name.StringValue);
                if (!typeInfo.IsComposite)
                {
                    result = value.DeepClone();
                    return true;
                }

                if (value is not JsonObject source)
                {
                    return true;
                }

                var concrete = typeInfo.Kind == TypeKind.Object
                    ? typeInfo.Name
                    : source["__typename"] is JsonValue typename ? typename.GetValue<string>() : null;
                if (concrete is null || !model.Types.ContainsKey(concrete))
                {
                    return true;
                }

                var output = new JsonObject();
                var objectType = model.Type(concrete);
                foreach (var (key, subFields) in Collect(concrete, fields.SelectMany(f => f.Children ?? [])))
                {
                    var first = subFields[0];
                    if (first.Name == "__typename")
                    {
                        output[key] = concrete;
                        continue;
                    }

                    var field = objectType.Fields[first.Name];
                    if (!TryComplete(field.Type, subFields, source[key], [.. path, key], $"{concrete}.{first.Name}", out var fieldValue))
                    {
                        return true; // a non-null field was null: this object is null
                    }

                    output[key] = fieldValue;
                }

                result = output;
                return true;
            default:
                return true;
        }
    }

    /// <summary>GraphQL's CollectFields: fields by response key in order, through fragments that apply to the object's type.</summary>
    private List<(string Key, List<FieldSelection> Fields)> Collect(string objectType, IEnumerable<Selection> selections)
    {
        var result = new List<(string, List<FieldSelection>)>();
        Add(selections);
        return result;

        void Add(IEnumerable<Selection> items)
        {
            foreach (var selection in items)
            {
                if (!Included(selection.Directives))
                {
                    continue;
                }

                switch (selection)
                {
                    case FieldSelection field:
                        var existing = result.FindIndex(r => r.Item1 == field.ResponseKey);
                        if (existing >= 0) result[existing].Item2.Add(field);
                        else result.Add((field.ResponseKey, [field]));
                        break;
                    case FragmentSelection fragment when model.Satisfies(objectType, fragment.TypeCondition):
                        Add(fragment.Children);
                        break;
                }
            }
        }
    }

    private bool Included(GraphQLDirectives? directives)
    {
        if (directives is null) return true;
        foreach (var directive in directives.Items)
        {
            var name = directive.Name.StringValue;
            if (name is not ("skip" or "include")) continue;
            var condition = directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "if")?.Value;
            var value = condition switch
            {
                GraphQLBooleanValue b => b.BoolValue,
                GraphQLVariable v => VariableBoolean(v.Name.StringValue),
                _ => false,
            };
            if (name == "skip" && value) return false;
            if (name == "include" && !value) return false;
        }

        return true;
    }

    private bool VariableBoolean(string name)
    {
        if (variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        var definition = operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name);
        return definition?.DefaultValue is GraphQLBooleanValue b && b.BoolValue;
    }

    private void NullError(List<object> path, string fieldName)
    {
        foreach (var error in errors)
        {
            if (error["path"] is JsonArray existing && Overlaps(existing, path))
            {
                return;
            }
        }

        // A subgraph left a non-null field empty without saying why: a broken contract, reported as
        // graphql-js and Hive Gateway do (masked), with the path.
        errors.Add(new JsonObject
        {
            ["message"] = $"Cannot return null for non-nullable field {fieldName}.",
            ["path"] = PlanExecutor.PathArray(path),
            ["extensions"] = new JsonObject { ["code"] = "INTERNAL_SERVER_ERROR" },
        });
    }

    private static bool Overlaps(JsonArray errorPath, List<object> path)
    {
        var n = Math.Min(errorPath.Count, path.Count);
        for (var i = 0; i < n; i++)
        {
            var segment = errorPath[i];
            var same = path[i] switch
            {
                int index => segment?.GetValueKind() == JsonValueKind.Number && segment.GetValue<int>() == index,
                string key => segment?.GetValueKind() == JsonValueKind.String && segment.GetValue<string>() == key,
                _ => false,
            };
            if (!same) return false;
        }

        return true;
    }
}
