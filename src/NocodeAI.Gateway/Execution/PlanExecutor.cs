using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using NocodeAI.Gateway.Planning;
using NocodeAI.Gateway.Subgraphs;

namespace NocodeAI.Gateway.Execution;

/// <summary>The merged answers of a plan's fetches and the errors met on the way, re-pathed to the client's paths.</summary>
public sealed class ExecutionState(JsonObject data)
{
    public JsonObject Data { get; } = data;
    public List<JsonObject> Errors { get; } = [];

    /// <summary>Fetches run in parallel; merging into the one tree is serialised.</summary>
    public object Gate { get; } = new();
}

/// <summary>
/// Runs a plan: root fetches (in parallel for a query, in order for a mutation), then each
/// fetch's entity fetches once its answer is merged, siblings in parallel. An entity fetch sends
/// one <c>_entities</c> call with every distinct representation found at its path.
/// </summary>
public sealed class PlanExecutor(SubgraphClient subgraphs)
{
    public const string SubgraphUnavailable = "SUBGRAPH_UNAVAILABLE";

    public async Task<ExecutionState> ExecuteAsync(QueryPlan plan, JsonElement variables, ForwardedHeaders headers, CancellationToken cancellationToken)
    {
        var state = new ExecutionState([]);
        if (plan.Operation == OperationType.Mutation)
        {
            foreach (var root in plan.Roots)
            {
                await RunAsync(root, state, variables, headers, cancellationToken);
            }
        }
        else if (plan.Roots.Count == 1)
        {
            await RunAsync(plan.Roots[0], state, variables, headers, cancellationToken);
        }
        else
        {
            await Task.WhenAll(plan.Roots.Select(root => RunAsync(root, state, variables, headers, cancellationToken)));
        }

        return state;
    }

    /// <summary>Completes one subscription event: its payload is the root fetch's answer; the entity fetches follow.</summary>
    public async Task<ExecutionState> CompleteEventAsync(FetchNode root, JsonObject payload, JsonElement variables, ForwardedHeaders headers, CancellationToken cancellationToken)
    {
        var state = new ExecutionState([]);
        Merge(root, payload, state);
        await RunChildrenAsync(root, state, variables, headers, cancellationToken);
        return state;
    }

    private async Task RunAsync(FetchNode node, ExecutionState state, JsonElement variables, ForwardedHeaders headers, CancellationToken cancellationToken)
    {
        JsonArray? representations = null;
        List<List<(JsonObject Target, List<object> Path)>>? targets = null;
        if (node.IsEntityFetch)
        {
            lock (state.Gate)
            {
                (representations, targets) = Representations(node, state.Data);
            }

            if (representations.Count == 0)
            {
                return;
            }
        }

        JsonObject response;
        try
        {
            response = await subgraphs.ExecuteAsync(node.Graph, node.Document, variables, node.Variables, representations, headers,
                retryable: node.Operation == OperationType.Query, cancellationToken);
        }
        catch (SubgraphUnavailableException ex)
        {
            lock (state.Gate)
            {
                var paths = node.IsEntityFetch
                    ? node.RootKeys.Select(k => (IEnumerable<object>)[.. targets![0][0].Path, k])
                    : node.RootKeys.Select(k => (IEnumerable<object>)[k]);
                foreach (var path in paths)
                {
                    state.Errors.Add(Unavailable(ex.Subgraph, path));
                }
            }

            return;
        }

        lock (state.Gate)
        {
            if (node.IsEntityFetch)
            {
                MergeEntities(node, response, targets!, state);
            }
            else
            {
                Merge(node, response, state);
            }
        }

        await RunChildrenAsync(node, state, variables, headers, cancellationToken);
    }

    private Task RunChildrenAsync(FetchNode node, ExecutionState state, JsonElement variables, ForwardedHeaders headers, CancellationToken cancellationToken) =>
        node.Children.Count switch
        {
            0 => Task.CompletedTask,
            1 => RunAsync(node.Children[0], state, variables, headers, cancellationToken),
            _ => Task.WhenAll(node.Children.Select(child => RunAsync(child, state, variables, headers, cancellationToken))),
        };

    public static JsonObject Unavailable(string subgraph, IEnumerable<object>? path)
    {
        var error = new JsonObject { ["message"] = $"Subgraph \"{subgraph}\" is unavailable." };
        if (path is not null)
        {
            error["path"] = PathArray(path);
        }

        error["extensions"] = new JsonObject { ["code"] = SubgraphUnavailable, ["serviceName"] = subgraph };
        return error;
    }

    private static void Merge(FetchNode node, JsonObject response, ExecutionState state)
    {
        if (response["data"] is JsonObject data)
        {
            response.Remove("data");
            JsonMerge.Into(state.Data, data);
        }

        if (response["errors"] is JsonArray errors)
        {
            foreach (var error in errors.OfType<JsonObject>())
            {
                error.Remove("locations");
                if (error["path"] is null && node.RootKeys.Count > 0)
                {
                    // A request-level error (the subgraph refused the whole fetch): it is each field's error.
                    foreach (var key in node.RootKeys)
                    {
                        var copy = (JsonObject)error.DeepClone();
                        copy["path"] = PathArray([key]);
                        state.Errors.Add(copy);
                    }

                    continue;
                }

                state.Errors.Add(error);
            }
        }
    }

    private static (JsonArray, List<List<(JsonObject, List<object>)>>) Representations(FetchNode node, JsonObject data)
    {
        var representations = new JsonArray();
        var targets = new List<List<(JsonObject, List<object>)>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        Walk(data, 0, []);
        return (representations, targets);

        void Walk(JsonNode? value, int depth, List<object> path)
        {
            switch (value)
            {
                case JsonArray list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        Walk(list[i], depth, [.. path, i]);
                    }

                    break;
                case JsonObject obj when depth < node.Path.Count:
                    Walk(obj[node.Path[depth]], depth + 1, [.. path, node.Path[depth]]);
                    break;
                case JsonObject obj:
                    if (obj["__typename"] is JsonValue typename && typename.GetValue<string>() != node.EntityType)
                    {
                        return;
                    }

                    var representation = new JsonObject { ["__typename"] = node.EntityType };
                    foreach (var field in node.RepresentationFields)
                    {
                        if (obj[QueryPlanner.KeyPrefix + field] is not { } keyValue)
                        {
                            return;
                        }

                        representation[field] = keyValue.DeepClone();
                    }

                    var text = representation.ToJsonString();
                    if (!index.TryGetValue(text, out var at))
                    {
                        at = representations.Count;
                        index[text] = at;
                        representations.Add(representation);
                        targets.Add([]);
                    }

                    targets[at].Add((obj, path));
                    break;
            }
        }
    }

    private static void MergeEntities(FetchNode node, JsonObject response, List<List<(JsonObject Target, List<object> Path)>> targets, ExecutionState state)
    {
        if (response["data"] is JsonObject { } data && data["_entities"] is JsonArray entities)
        {
            for (var i = 0; i < entities.Count && i < targets.Count; i++)
            {
                if (entities[i] is not JsonObject entity)
                {
                    continue;
                }

                entities[i] = null;
                for (var t = 0; t < targets[i].Count; t++)
                {
                    JsonMerge.Into(targets[i][t].Target, t == targets[i].Count - 1 ? entity : (JsonObject)entity.DeepClone());
                }
            }
        }

        if (response["errors"] is JsonArray errors)
        {
            foreach (var error in errors.OfType<JsonObject>())
            {
                error.Remove("locations");
                if (error["path"] is JsonArray path && path.Count >= 2 && path[0]?.GetValue<string>() == "_entities"
                    && path[1] is JsonValue position && position.TryGetValue<int>(out var at) && at < targets.Count)
                {
                    var rest = path.Skip(2).Select(p => p!.GetValueKind() == JsonValueKind.Number ? (object)p.GetValue<int>() : p.GetValue<string>()).ToList();
                    foreach (var (_, targetPath) in targets[at])
                    {
                        var copy = (JsonObject)error.DeepClone();
                        copy["path"] = PathArray(targetPath.Concat(rest));
                        state.Errors.Add(copy);
                    }
                }
                else if (targets.Count > 0)
                {
                    // A request-level error: it is the error of the fields this fetch was to answer.
                    foreach (var key in node.RootKeys)
                    {
                        var copy = (JsonObject)error.DeepClone();
                        copy["path"] = PathArray([.. targets[0][0].Path, key]);
                        state.Errors.Add(copy);
                    }
                }
            }
        }
    }

    public static JsonArray PathArray(IEnumerable<object> path)
    {
        var array = new JsonArray();
        foreach (var segment in path)
        {
            array.Add(segment switch
            {
                int i => JsonValue.Create(i),
                _ => JsonValue.Create((string)segment),
            });
        }

        return array;
    }
}

public static class JsonMerge
{
    /// <summary>Moves every field of <paramref name="source"/> into <paramref name="target"/>, merging objects and lists of objects field by field.</summary>
    public static void Into(JsonObject target, JsonObject source)
    {
        var fields = source.ToList();
        source.Clear();
        foreach (var (key, value) in fields)
        {
            if (target[key] is JsonObject existing && value is JsonObject incoming)
            {
                Into(existing, incoming);
            }
            else if (target[key] is JsonArray existingList && value is JsonArray incomingList && existingList.Count == incomingList.Count)
            {
                for (var i = 0; i < existingList.Count; i++)
                {
                    if (existingList[i] is JsonObject a && incomingList[i] is JsonObject b)
                    {
                        Into(a, b);
                    }
                }
            }
            else
            {
                target[key] = value;
            }
        }
    }
}
