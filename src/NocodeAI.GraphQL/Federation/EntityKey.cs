namespace NocodeAI.GraphQL.Federation;

/// <summary>
/// The representation <c>{ __typename, id }</c> the gateway sends to <c>_entities</c> for an entity keyed
/// by <c>id</c>. Parse into this, not into the entity's view record: graphql-dotnet cannot build a
/// positional record from a representation that carries only its key.
/// <code>this.ResolveReference&lt;EntityKey, ModelRequestView&gt;((ctx, key) =&gt; service.FindAsync(key.Id, ctx.CancellationToken));</code>
/// </summary>
public sealed class EntityKey
{
    public string Id { get; set; } = string.Empty;
}
