namespace NocodeAI.GraphQL.Realtime;

/// <summary>
/// The one subscription bridge: owners publish the new state of an aggregate after its change
/// commits; subscription resolvers watch the topic. Backed by Redis pub/sub, so any replica can
/// serve any subscriber.
/// </summary>
public interface IChangeFeed
{
    Task PublishAsync<T>(string topic, T message, CancellationToken cancellationToken = default);

    /// <summary>
    /// A hot stream of the messages published on <paramref name="topic"/> from the moment of
    /// subscription. Disposing the subscription releases the Redis subscription.
    /// </summary>
    IObservable<T> Watch<T>(string topic);
}
