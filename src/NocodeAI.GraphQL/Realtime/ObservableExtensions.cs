namespace NocodeAI.GraphQL.Realtime;

/// <summary>The two operators subscription resolvers need, without taking a dependency on System.Reactive.</summary>
public static class ObservableExtensions
{
    public static IObservable<T> Where<T>(this IObservable<T> source, Func<T, bool> predicate) =>
        new DelegatingObservable<T, T>(source, (observer, value) =>
        {
            if (predicate(value))
            {
                observer.OnNext(value);
            }
        });

    public static IObservable<TResult> Select<T, TResult>(this IObservable<T> source, Func<T, TResult> selector) =>
        new DelegatingObservable<T, TResult>(source, (observer, value) => observer.OnNext(selector(value)));

    private sealed class DelegatingObservable<T, TResult>(IObservable<T> source, Action<IObserver<TResult>, T> onNext) : IObservable<TResult>
    {
        public IDisposable Subscribe(IObserver<TResult> observer) => source.Subscribe(new Forwarder(observer, onNext));

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
