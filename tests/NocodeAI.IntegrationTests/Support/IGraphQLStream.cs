namespace NocodeAI.IntegrationTests.Support;

/// <summary>The results of one subscription, whatever the transport (WebSocket or SSE).</summary>
public interface IGraphQLStream : IAsyncDisposable
{
    /// <summary>
    /// Every result the server sends. Ends when the server completes the subscription; throws
    /// <see cref="GraphQLStreamException"/> when it ends it with an error or the connection drops.
    /// </summary>
    IAsyncEnumerable<GraphQLResult> ReadAllAsync(CancellationToken cancellationToken = default);
}

public sealed class GraphQLStreamException : Exception
{
    public GraphQLStreamException()
    {
    }

    public GraphQLStreamException(string message)
        : base(message)
    {
    }

    public GraphQLStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
