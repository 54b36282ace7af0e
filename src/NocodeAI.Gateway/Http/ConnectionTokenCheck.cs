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
/// Accepted tokens are remembered for <see cref="RememberAccepted"/>, as long as the subgraphs keep a
/// revocation, so a reconnect storm of one dashboard costs one call. No token: accepted (anonymous
/// operations are answered per field). The check itself failing (access down) accepts the
/// connection: every subscription is still checked by its subgraph.
/// </summary>
public sealed class ConnectionTokenCheck(GatewayExecutor gateway, TimeProvider clock, ILogger<ConnectionTokenCheck> logger)
{
    public static readonly TimeSpan RememberAccepted = TimeSpan.FromSeconds(2);
    private const int MaxRemembered = 10_000;
    private const string Unauthenticated = "UNAUTHENTICATED";

    private static readonly GatewayRequest Probe = new("query ConnectionTokenCheck { me { id } }", "ConnectionTokenCheck", default);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _accepted = new(StringComparer.Ordinal);

    /// <summary>The close reason when the token is refused; null when the connection may go on.</summary>
    public async Task<string?> RefusalAsync(ForwardedHeaders headers, CancellationToken cancellationToken)
    {
        if (headers.Authorization is not { Length: > 0 } token)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_accepted.TryGetValue(token, out var until) && until > now)
        {
            return null;
        }

        GatewayResult result;
        try
        {
            result = await gateway.ExecuteAsync(Probe, headers, cancellationToken);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TimeoutException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The token of a WebSocket could not be checked, connection accepted: {Error}", ex.Message);
            return null;
        }

        if (Refusal(result) is { } reason)
        {
            return reason;
        }

        if (_accepted.Count >= MaxRemembered)
        {
            _accepted.Clear();
        }

        _accepted[token] = now + RememberAccepted;
        return null;
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
