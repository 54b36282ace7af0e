using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

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
/// job) gets the same bulk job back instead of a second send. Timeouts, connection failures, 429 and 5xx
/// are retried with exponential backoff; other answers fail at once.
/// </summary>
public sealed class MidasBulkLmsClient(HttpClient http, IOptions<MidasOptions> options, TimeProvider clock, ILogger<MidasBulkLmsClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly MidasOptions _options = options.Value;

    /// <summary>Calls made by this client instance, retries included.</summary>
    public int Calls { get; private set; }

    public Task<MidasBulkJobAccepted> SubmitAsync(string idempotencyKey, MidasBulkJobRequest job, MidasRetryCallback onRetry, CancellationToken cancellationToken) =>
        SendAsync<MidasBulkJobAccepted>(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "midas/v1/bulk-jobs") { Content = JsonContent.Create(job, options: Json) };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                return request;
            },
            $"submit {idempotencyKey}",
            onRetry,
            cancellationToken);

    public Task<MidasBulkJobStatus> GetAsync(string jobId, MidasRetryCallback onRetry, CancellationToken cancellationToken) =>
        SendAsync<MidasBulkJobStatus>(
            () => new HttpRequestMessage(HttpMethod.Get, $"midas/v1/bulk-jobs/{Uri.EscapeDataString(jobId)}"),
            $"read job {jobId}",
            onRetry,
            cancellationToken);

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> create, string what, MidasRetryCallback onRetry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Calls++;
            string error;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var request = create();
                    using var response = await http.SendAsync(request, timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token)
                            ?? throw new MidasException($"MIDAS answered {what} with an empty body.");
                    }

                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    error = $"MIDAS answered {what} with HTTP {(int)response.StatusCode}: {Truncate(body)}";
                    if (!IsTransient(response.StatusCode))
                    {
                        throw new MidasException(error);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    error = $"MIDAS did not answer {what} within {_options.RequestTimeout.TotalSeconds:0.#} s.";
                }
                catch (HttpRequestException ex)
                {
                    error = $"MIDAS could not be reached for {what}: {ex.Message}";
                }
                catch (JsonException ex)
                {
                    throw new MidasException($"MIDAS answered {what} with an unreadable body: {ex.Message}", ex);
                }
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new MidasException($"{error} (gave up after {attempt} attempts)");
            }

            logger.LogWarning("MIDAS call failed, retrying ({Attempt}/{MaxAttempts}): {Error}", attempt, _options.MaxAttempts, error);
            await onRetry(Calls, error, cancellationToken);
            await Task.Delay(_options.BackoffBefore(attempt), clock, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
