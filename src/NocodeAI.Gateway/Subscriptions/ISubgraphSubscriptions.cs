using System.Text.Json;

namespace NocodeAI.Gateway.Subscriptions;

/// <summary>The subscription root fetch of a plan: what the gateway asks one subgraph to stream.</summary>
/// <param name="Subgraph">The subgraph's name in the supergraph (<c>join__Graph</c>).</param>
/// <param name="Url">The subgraph's GraphQL endpoint.</param>
/// <param name="Query">The subgraph operation the planner wrote (a <c>subscription</c>).</param>
/// <param name="Variables">Only the variables that operation uses; null when it uses none.</param>
/// <param name="Authorization">The client's <c>Authorization</c> value, forwarded as is; part of the stream's identity.</param>
public sealed record SubgraphSubscriptionRequest(
    string Subgraph,
    Uri Url,
    string Query,
    string? OperationName,
    JsonElement? Variables,
    string? Authorization);

/// <summary>
/// The one way the gateway reaches subgraph subscriptions. Each item is one event's whole GraphQL
/// response payload (<c>{ "data": ..., "errors": [...] }</c>), which the gateway then completes
/// (entity hops) and shapes for each client. The sequence ends when the subgraph completes the
/// stream and throws <see cref="SubgraphStreamException"/> when the subgraph fails or goes away.
/// Cancelling the token leaves the stream (and frees whatever it held upstream).
/// </summary>
public interface ISubgraphSubscriptions
{
    IAsyncEnumerable<JsonElement> SubscribeAsync(SubgraphSubscriptionRequest request, CancellationToken cancellationToken);
}

/// <summary>A subgraph stream ended abnormally: the subgraph refused it, failed, or could not be reached.</summary>
public sealed class SubgraphStreamException(string subgraph, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Subgraph { get; } = subgraph;
}
