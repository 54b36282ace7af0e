using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace NocodeAI.ServiceDefaults.Resilience;

/// <summary>How one external HTTP system is called: attempts, backoff, per-attempt timeout, breaker.</summary>
/// <param name="MaxAttempts">Calls per operation, the first included (1 = no retry).</param>
/// <param name="BreakAfterFailures">Consecutive-ish failures (in 30 s, at least this many, all failing) that open the breaker.</param>
public sealed record HttpResilience(
    int MaxAttempts,
    TimeSpan InitialBackoff,
    TimeSpan MaxBackoff,
    TimeSpan AttemptTimeout,
    int BreakAfterFailures = 20,
    TimeSpan? BreakDuration = null);

/// <summary>One retry of a call, as the caller hears of it: calls so far (the failed one included) and why.</summary>
public sealed record HttpRetry(int Calls, string Error);

/// <summary>
/// The one resilience pipeline every external HTTP client (MIDAS, SwingChat) uses, through
/// <c>AddResilienceHandler</c>: retry of transient failures (connection errors, attempt timeouts, 408,
/// 429, 5xx, an open breaker) with exponential backoff and jitter, a per-attempt timeout, and a circuit
/// breaker so an outage is met with fast failures instead of a queue of waiting calls. Every retry is
/// counted on <c>nocode_http_client_retries_total{client}</c> and handed to the caller's
/// <see cref="OnRetryKey"/> callback when the request carries one (the MIDAS dispatch reports it to the saga).
/// </summary>
public static class ResilientHttpClients
{
    /// <summary>A per-request callback told of each retry (set with <see cref="WithRetryCallback"/>).</summary>
    public static readonly ResiliencePropertyKey<Func<HttpRetry, CancellationToken, Task>> OnRetryKey = new("nocode.http.onRetry");

    private static readonly ResiliencePropertyKey<StrongBox<int>> CallsKey = new("nocode.http.calls");

    public static IHttpClientBuilder AddNocodeResilience(this IHttpClientBuilder builder, string client, Func<IServiceProvider, HttpResilience> settings)
    {
        builder.AddResilienceHandler(client, (pipeline, context) =>
        {
            var options = settings(context.ServiceProvider);
            var retries = context.ServiceProvider.GetRequiredService<IMeterFactory>()
                .Create(ServiceDefaultsExtensions.MeterName)
                .CreateCounter<long>("nocode_http_client_retries", description: "Retries of calls to an external HTTP system, by client.");
            if (options.MaxAttempts > 1)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxAttempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.InitialBackoff,
                    MaxDelay = options.MaxBackoff,
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome) || args.Outcome.Exception is BrokenCircuitException),
                    OnRetry = async args =>
                    {
                        retries.Add(1, new KeyValuePair<string, object?>("client", client));
                        if (args.Context.Properties.TryGetValue(OnRetryKey, out var onRetry))
                        {
                            var calls = args.Context.Properties.GetValue(CallsKey, new StrongBox<int>(0));
                            await onRetry(new HttpRetry(calls.Value, Describe(client, args.Outcome, options.AttemptTimeout)), args.Context.CancellationToken);
                        }
                    },
                });
            }

            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.BreakAfterFailures),
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration ?? TimeSpan.FromSeconds(5),
            });
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                Timeout = options.AttemptTimeout,
            });
            // Innermost: count the calls that really went out (retries included) for the caller.
            pipeline.AddStrategy(_ => new CallCounter(), new CallCounterOptions());
        });
        return builder;
    }

    /// <summary>
    /// Sends <paramref name="request"/> with a callback told of each retry; returns the final response (a
    /// transient status after the last attempt is returned, not thrown) and how many calls it took.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, int Calls)> SendWithRetryCallbackAsync(
        this HttpClient http, HttpRequestMessage request, Func<HttpRetry, CancellationToken, Task>? onRetry, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var calls = new StrongBox<int>(0);
        context.Properties.Set(CallsKey, calls);
        if (onRetry is not null)
        {
            context.Properties.Set(OnRetryKey, onRetry);
        }

        request.SetResilienceContext(context);
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            return (response, Math.Max(1, calls.Value));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            throw new HttpCallFailedException(ex, Math.Max(1, calls.Value));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static string Describe(string client, Outcome<HttpResponseMessage> outcome, TimeSpan attemptTimeout) => outcome switch
    {
        { Exception: TimeoutRejectedException } => $"{client} did not answer within {attemptTimeout.TotalSeconds:0.#} s.",
        { Exception: BrokenCircuitException } => $"{client} is failing; calls are held back for a few seconds.",
        { Exception: { } ex } => $"{client} could not be reached: {ex.Message}",
        { Result: { } response } => $"{client} answered HTTP {(int)response.StatusCode}.",
        _ => $"{client} failed.",
    };

    private sealed class CallCounterOptions : ResilienceStrategyOptions;

    /// <summary>Counts attempts in the request's resilience context (set by <see cref="SendWithRetryCallbackAsync"/>).</summary>
    private sealed class CallCounter : ResilienceStrategy
    {
        protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
        {
            if (context.Properties.TryGetValue(CallsKey, out var calls))
            {
                Interlocked.Increment(ref calls.Value);
            }

            return callback(context, state);
        }
    }
}

/// <summary>A call that failed for good without an answer (unreachable, timed out, breaker open), after <see cref="Calls"/> calls.</summary>
public sealed class HttpCallFailedException(Exception inner, int calls)
    : Exception(inner.Message, inner)
{
    public int Calls { get; } = calls;

    public bool TimedOut => InnerException is TimeoutRejectedException;

    public bool CircuitOpen => InnerException is BrokenCircuitException;
}
