using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using NocodeAI.Gateway.Planning;

namespace NocodeAI.Gateway.Supergraph;

/// <summary>A document parsed, checked against the limits and the API schema, and planned: what is reused per request.</summary>
public sealed class PreparedOperation
{
    public GraphQLDocument? Document { get; init; }
    public GraphQLOperationDefinition? Operation { get; init; }
    public QueryPlan? Plan { get; init; }

    /// <summary>Why the document cannot run (parse, validation, limits), as GraphQL errors; then nothing else is set.</summary>
    public IReadOnlyList<JsonObject>? Errors { get; init; }

    public bool HasVariables => Operation?.Variables is { Count: > 0 };
}

/// <summary>Prepared operations by document text and operation name. Bounded: when full it starts over.</summary>
public sealed class OperationCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Query, string? OperationName), PreparedOperation> _entries = new();

    public bool TryGet(string query, string? operationName, out PreparedOperation prepared) =>
        _entries.TryGetValue((query, operationName), out prepared!);

    public void Add(string query, string? operationName, PreparedOperation prepared)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[(query, operationName)] = prepared;
    }
}
