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
    /// A hot stream of the messages published on <paramref name="topic"/> whose
    /// <paramref name="keyOf"/> is <paramref name="key"/> (every message when <paramref name="key"/> is
    /// null), from the moment the returned task completes: the process then listens to the topic.
    /// A process holds one Redis subscription per topic, parses each message once and hands it only to
    /// the watchers of its key. Disposing the last watcher of a topic releases the Redis subscription.
    /// </summary>
    Task<IObservable<T>> WatchAsync<T>(string topic, Func<T, string> keyOf, string? key) where T : class;
}
