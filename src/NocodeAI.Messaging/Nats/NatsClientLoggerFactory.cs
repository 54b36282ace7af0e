namespace NocodeAI.Messaging;

/// <summary>
/// The NATS client logs every failed reconnect attempt with a full stack trace. During an outage that
/// buries the log, so its loggers keep the level and message but fold the exception into one line.
/// </summary>
internal sealed class NatsClientLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new OneLineLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The inner factory belongs to the host.
    public void Dispose()
    {
    }

    private sealed class OneLineLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null || logLevel >= LogLevel.Critical)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            inner.Log(logLevel, eventId, state, null, (s, _) => $"{formatter(s, exception)} ({exception.GetType().Name}: {exception.Message})");
        }
    }
}
