using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults.Resilience;

namespace NocodeAI.Notices.Delivery;

/// <summary>How one delivery attempt ended.</summary>
public sealed record DeliveryOutcome(bool Delivered, string? Error, bool Permanent)
{
    public static readonly DeliveryOutcome Success = new(true, null, false);

    public static DeliveryOutcome Retry(string error) => new(false, error, false);

    public static DeliveryOutcome GiveUp(string error) => new(false, error, true);
}

/// <summary>
/// The SwingChat webhook: <c>POST {BaseUrl}/swingchat/messages</c> with <c>{recipient, title, body}</c>,
/// a bearer token, and <c>Idempotency-Key</c> = the notice id, so a retry after a lost answer is not a
/// second message. One call per attempt (the shared resilience handler adds the timeout and the circuit
/// breaker); retrying is the dispatcher's, which keeps attempts on the notice itself.
/// </summary>
public sealed class SwingChatClient(HttpClient http, IOptions<SwingChatOptions> options)
{
    public const string MessagesPath = "swingchat/messages";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<DeliveryOutcome> SendAsync(Guid noticeId, string recipient, string title, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesPath)
        {
            Content = JsonContent.Create(new SwingChatMessage(recipient, title, body)),
        };
        request.Headers.Add(IdempotencyKeyHeader, noticeId.ToString());
        if (!string.IsNullOrEmpty(options.Value.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Token);
        }

        try
        {
            var (sent, _) = await http.SendWithRetryCallbackAsync(request, onRetry: null, cancellationToken);
            using var response = sent;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryOutcome.Success;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = $"SwingChat answered {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text : string.Empty)}";
            return IsPermanent(response.StatusCode) ? DeliveryOutcome.GiveUp(error) : DeliveryOutcome.Retry(error);
        }
        catch (HttpCallFailedException ex) when (ex.TimedOut)
        {
            return DeliveryOutcome.Retry($"SwingChat did not answer within {options.Value.TimeoutSeconds} s.");
        }
        catch (HttpCallFailedException ex) when (ex.CircuitOpen)
        {
            return DeliveryOutcome.Retry("SwingChat keeps failing; calls are held back for a few seconds.");
        }
        catch (HttpCallFailedException ex)
        {
            return DeliveryOutcome.Retry($"SwingChat is unreachable: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry($"SwingChat did not answer within {options.Value.TimeoutSeconds} s.");
        }
    }

    /// <summary>
    /// A request SwingChat will never accept (malformed, unknown recipient) is not retried. Outages,
    /// throttling and credentials (which an operator fixes) are.
    /// </summary>
    public static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);

    private sealed record SwingChatMessage(string Recipient, string Title, string Body);
}
