namespace NocodeAI.GraphQL.Realtime;

/// <summary>The operators subscription resolvers need, without taking a dependency on System.Reactive.</summary>
public static class ObservableExtensions
{
    public static IObservable<T> Where<T>(this IObservable<T> source, Func<T, bool> predicate) =>
        new DelegatingObservable<T, T>(source, () => (observer, value) =>
        {
            if (predicate(value))
            {
                observer.OnNext(value);
            }
        });

    public static IObservable<TResult> Select<T, TResult>(this IObservable<T> source, Func<T, TResult> selector) =>
        new DelegatingObservable<T, TResult>(source, () => (observer, value) => observer.OnNext(selector(value)));

    /// <summary>
    /// Passes values on one at a time and drops one older (<paramref name="versionOf"/>) than a value already
    /// passed on for its key. The Redis client hands every pub/sub message to the thread pool on its own, so
    /// two changes of one aggregate published a moment apart can reach a stream in either order; without
    /// this a live view could end on the older one (TRAINING after COMPLETED) until the next change. An
    /// equal version passes: queue positions are republished for aggregates that did not change.
    /// The state is per subscriber: one entry per key it has seen.
    /// </summary>
    public static IObservable<T> NewestPerKey<T>(this IObservable<T> source, Func<T, string> keyOf, Func<T, long> versionOf) =>
        new DelegatingObservable<T, T>(source, () =>
        {
            var newest = new Dictionary<string, long>(StringComparer.Ordinal);
            return (observer, value) =>
            {
                var (key, version) = (keyOf(value), versionOf(value));
                // Checked and passed on under one lock, or a newer value checked on another thread could
                // still leave first.
                lock (newest)
                {
                    if (newest.TryGetValue(key, out var seen) && version < seen)
                    {
                        return;
                    }

                    newest[key] = version;
                    observer.OnNext(value);
                }
            };
        });

    /// <param name="newOnNext">Called once per subscriber, so an operator can keep state per subscriber.</param>
    private sealed class DelegatingObservable<T, TResult>(IObservable<T> source, Func<Action<IObserver<TResult>, T>> newOnNext) : IObservable<TResult>
    {
        public IDisposable Subscribe(IObserver<TResult> observer) => source.Subscribe(new Forwarder(observer, newOnNext()));

        private sealed class Forwarder(IObserver<TResult> observer, Action<IObserver<TResult>, T> onNext) : IObserver<T>
        {
            public void OnNext(T value)
            {
                try
                {
                    onNext(observer, value);
                }
                catch (Exception ex)
                {
                    observer.OnError(ex);
                }
            }

            public void OnError(Exception error) => observer.OnError(error);

            public void OnCompleted() => observer.OnCompleted();
        }
    }
}
