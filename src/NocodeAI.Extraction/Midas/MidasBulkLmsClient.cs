using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NocodeAI.ServiceDefaults.Resilience;

namespace NocodeAI.Extraction.Midas;

/// <summary>A recipient; MIDAS takes customer ids as strings (it resolves phones itself when none is given).</summary>
public sealed record MidasRecipient(string CustomerId, string? Phone = null);

public sealed record MidasBulkJobRequest(string CampaignName, string Message, IReadOnlyList<MidasRecipient> Recipients);

public sealed record MidasBulkJobAccepted(string JobId, int Accepted);

public sealed record MidasBulkJobStatus(string JobId, string State, long Sent, long Failed)
{
    public bool IsDone => string.Equals(State, "DONE", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A MIDAS call that failed for good: retries exhausted, or an answer retrying cannot change (4xx).</summary>
public sealed class MidasException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reports one failed call that is about to be retried: total calls so far and the error.</summary>
public delegate Task MidasRetryCallback(int calls, string error, CancellationToken cancellationToken);

/// <summary>
/// The MIDAS bulk LMS HTTP contract. Submitting carries an Idempotency-Key, so a retry (or a redelivered
/// job) gets the same bulk job back instead of a second send. Retries, the per-call timeout and the
/// circuit breaker are the shared resilience handler's (<see cref="MidasRegistration.AddMidasClient"/>);
/// here an answer is read, and a failure that retrying could not fix becomes a <see cref="MidasException"/>.
/// </summary>
public sealed class MidasBulkLmsClient(HttpClient http, IOptions<MidasOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly MidasOptions _options = options.Value;
    private int _calls;

    /// <summary>Calls made by this client instance, retries included.</summary>
    public int Calls => _calls;

    public Task<MidasBulkJobAccepted> SubmitAsync(string idempotencyKey, MidasBulkJobRequest job, MidasRetryCallback onRetry, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "midas/v1/bulk-jobs") { Content = JsonContent.Create(job, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync<MidasBulkJobAccepted>(request, $"submit {idempotencyKey}", onRetry, cancellationToken);
    }

    public Task<MidasBulkJobStatus> GetAsync(string jobId, MidasRetryCallback onRetry, CancellationToken cancellationToken) =>
        SendAsync<MidasBulkJobStatus>(
            new HttpRequestMessage(HttpMethod.Get, $"midas/v1/bulk-jobs/{Uri.EscapeDataString(jobId)}"),
            $"read job {jobId}",
            onRetry,
            cancellationToken);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, string what, MidasRetryCallback onRetry, CancellationToken cancellationToken)
    {
        using var _ = request;
        var before = _calls;
        HttpResponseMessage response;
        int calls;
        try
        {
            (response, calls) = await http.SendWithRetryCallbackAsync(
                request, (retry, ct) => onRetry(before + retry.Calls, $"MIDAS, {what}: {retry.Error}", ct), cancellationToken);
        }
        catch (HttpCallFailedException ex)
        {
            Interlocked.Add(ref _calls, ex.Calls);
            var reason = ex.TimedOut ? $"did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s"
                : ex.CircuitOpen ? "kept failing (calls held back by the circuit breaker)"
                : $"could not be reached ({ex.Message})";
            throw new MidasException($"MIDAS {reason} for {what} (gave up after {ex.Calls} attempts)", ex);
        }

        Interlocked.Add(ref _calls, calls);
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                        ?? throw new MidasException($"MIDAS answered {what} with an empty body.");
                }
                catch (JsonException ex)
                {
                    throw new MidasException($"MIDAS answered {what} with an unreadable body: {ex.Message}", ex);
                }
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = $"MIDAS answered {what} with HTTP {(int)response.StatusCode}: {Truncate(body)}";
            throw new MidasException(IsTransient(response.StatusCode) ? $"{error} (gave up after {calls} attempts)" : error);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
