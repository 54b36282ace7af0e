using GraphQLParser.AST;

namespace NocodeAI.Gateway.Planning;

/// <summary>
/// One request to one subgraph. A root fetch asks for root fields; an entity fetch asks
/// <c>_entities</c> for the objects found at <see cref="Path"/> once its parent has answered.
/// </summary>
public sealed class FetchNode
{
    public required string Graph { get; init; }
    public required OperationType Operation { get; init; }
    public required string Document { get; init; }

    /// <summary>The client's variables this fetch's document uses; only these are sent.</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>Entity fetch: response keys from the root of the data to the objects (lists are walked through).</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Entity fetch: the object type asked for; objects of other types at the path are left alone.</summary>
    public string? EntityType { get; init; }

    /// <summary>Entity fetch: the key (and <c>@requires</c>) fields of a representation, read from <c>__k_</c> aliases.</summary>
    public IReadOnlyList<string> RepresentationFields { get; init; } = [];

    /// <summary>
    /// The response keys this fetch answers: root fields for a root fetch, the hop's fields on each
    /// entity for an entity fetch. Errors of a failed fetch (or without a path) land there.
    /// </summary>
    public IReadOnlyList<string> RootKeys { get; init; } = [];

    /// <summary>Fetches that need this one's answer.</summary>
    public List<FetchNode> Children { get; } = [];

    public bool IsEntityFetch => EntityType is not null;
}

public sealed class QueryPlan
{
    public required OperationType Operation { get; init; }
    public required string RootType { get; init; }
    public required IReadOnlyList<Selection> Selections { get; init; }
    public required GraphQLOperationDefinition Definition { get; init; }

    /// <summary>Root fetches: in parallel for a query, in order for a mutation, one for a subscription.</summary>
    public required IReadOnlyList<FetchNode> Roots { get; init; }

    /// <summary>The operation selects <c>__schema</c> or <c>__type</c>, which the gateway answers itself.</summary>
    public bool Introspection { get; init; }

    /// <summary>
    /// The whole operation goes to one subgraph unchanged and nothing is added to its answer: the
    /// client's document is sent as is and the subgraph's response is the response.
    /// </summary>
    public bool Passthrough { get; init; }

    public int FetchCount => Roots.Sum(Count);

    private static int Count(FetchNode node) => 1 + node.Children.Sum(Count);
}
