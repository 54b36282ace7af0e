using System.Collections.Concurrent;
using System.Text.Json;
using NocodeAI.Gateway.Execution;
using NocodeAI.Gateway.Subgraphs;

namespace NocodeAI.Gateway.Http;

/// <summary>
/// A WebSocket whose <c>connection_init</c> presents a token that cannot be used (invalid, expired,
/// signed out, its user's rights changed) is refused then and there, with close code 4403 and the
/// reason, instead of being acknowledged and failing every subscription after. The gateway holds
/// neither the signing key nor the revocations, so it asks the subgraph that owns both: <c>me { id }</c>
/// through its own execution path, which answers UNAUTHENTICATED with <c>extensions.reason</c>.
/// One answer per token serves every connection for <see cref="RememberFor"/>, as long as the subgraphs
/// keep a revocation, and connections arriving together share the call in flight: a thousand
/// dashboards reconnecting with one token cost one call, not a thousand. No token: accepted (anonymous
/// operations are answered per field). The check itself failing (access down) accepts the connection:
/// every subscription is still checked by its subgraph.
/// </summary>
public sealed class ConnectionTokenCheck(GatewayExecutor gateway, TimeProvider clock, ILogger<ConnectionTokenCheck> logger)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);
    private const int MaxRemembered = 10_000;
    private const string Unauthenticated = "UNAUTHENTICATED";

    private static readonly GatewayRequest Probe = new("query ConnectionTokenCheck { me { id } }", "ConnectionTokenCheck", default);

    private readonly ConcurrentDictionary<string, (Task<string?> Refusal, DateTimeOffset Until)> _answers = new(StringComparer.Ordinal);

    /// <summary>The close reason when the token is refused; null when the connection may go on.</summary>
    public Task<string?> RefusalAsync(ForwardedHeaders headers)
    {
        if (headers.Authorization is not { Length: > 0 } token)
        {
            return Task.FromResult<string?>(null);
        }

        var now = clock.GetUtcNow();
        if (_answers.TryGetValue(token, out var known) && known.Until > now)
        {
            return known.Refusal;
        }

        if (_answers.Count >= MaxRemembered)
        {
            _answers.Clear();
        }

        // Two connections may both start a check in the same instant; both answers are the same.
        var check = CheckAsync(headers);
        _answers[token] = (check, now + RememberFor);
        return check;
    }

    private async Task<string?> CheckAsync(ForwardedHeaders headers)
    {
        // Shared by every connection waiting on it, so no one connection's cancellation ends it.
        using var timeout = new CancellationTokenSource(CheckTimeout);
        try
        {
            return Refusal(await gateway.ExecuteAsync(Probe, headers, timeout.Token));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("The token of a WebSocket could not be checked, connection accepted: {Error}", ex.Message);
            return null;
        }
    }

    /// <summary>"Forbidden: token expired" (≤ 123 bytes, the WebSocket limit) for an UNAUTHENTICATED answer.</summary>
    internal static string? Refusal(GatewayResult result)
    {
        using var document = JsonDocument.Parse(result.ToUtf8());
        if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var error in errors.EnumerateArray())
        {
            if (error.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                && extensions.TryGetProperty("code", out var code) && code.ValueEquals(Unauthenticated))
            {
                var reason = extensions.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "invalid";
                return $"Forbidden: token {reason}";
            }
        }

        return null;
    }
}
