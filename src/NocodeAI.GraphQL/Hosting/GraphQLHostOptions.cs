using System.ComponentModel.DataAnnotations;

namespace NocodeAI.GraphQL.Hosting;

/// <summary>Limits that keep one request from monopolising a subgraph (section "GraphQL").</summary>
public sealed class GraphQLHostOptions
{
    [Range(2, 64)]
    public int MaxDepth { get; set; } = 12;

    [Range(10, 1_000_000)]
    public int MaxComplexity { get; set; } = 5_000;

    /// <summary>Parsed documents kept; the gateway sends the same few documents over and over.</summary>
    [Range(0, 100_000)]
    public int DocumentCacheSize { get; set; } = 1_000;

    [Range(1, 3600)]
    public int KeepAliveSeconds { get; set; } = 12;

    [Range(1_024, 10_485_760)]
    public int MaxRequestBytes { get; set; } = 262_144;
}
