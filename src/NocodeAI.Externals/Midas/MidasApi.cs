using Microsoft.Extensions.Options;
using NocodeAI.Externals.Extensions;
using NocodeAI.Externals.Faults;
using NocodeAI.Externals.Recording;

namespace NocodeAI.Externals.Midas;

/// <summary>
/// MIDAS bulk LMS: <c>POST /midas/v1/bulk-jobs</c> (Idempotency-Key required) answers <c>{jobId, accepted}</c>;
/// the same key answers the same job instead of sending again. <c>GET /midas/v1/bulk-jobs/{jobId}</c>
/// reports <c>{jobId, state, accepted, sent, failed}</c>.
/// </summary>
public static class MidasApi
{
    public const string JobsPath = "/midas/v1/bulk-jobs";

    public static IEndpointRouteBuilder MapMidasApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(JobsPath, SubmitAsync);
        endpoints.MapGet(JobsPath + "/{jobId}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(
        HttpRequest request, FaultInjector faults, ReceivedLog log, MidasJobs jobs, IOptions<MidasStandInOptions> options, CancellationToken cancellationToken)
    {
        if (await faults.InjectAsync(ExternalSystems.Midas, log, cancellationToken) is { } fault)
        {
            return fault;
        }

        if (!Bearer.Accepts(request, options.Value.Token))
        {
            log.CountRejected(ExternalSystems.Midas);
            return Bearer.Error(StatusCodes.Status401Unauthorized, "Send 'Authorization: Bearer <token>'.");
        }

        var key = Bearer.IdempotencyKey(request);
        if (key is null)
        {
            log.CountRejected(ExternalSystems.Midas);
            return Bearer.Error(StatusCodes.Status400BadRequest, $"The {Bearer.IdempotencyKeyHeader} header (1–200 characters) is required.");
        }

        BulkJobRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<BulkJobRequest>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            body = null;
        }

        var problem = body is null ? "The body must be JSON {campaignName, message, recipients: [{customerId, phone?}]}." : body.Problem(options.Value.MaxRecipientsPerJob);
        if (problem is not null)
        {
            log.CountRejected(ExternalSystems.Midas);
            return Bearer.Error(StatusCodes.Status400BadRequest, problem);
        }

        var (outcome, job) = jobs.Submit(key, body!);
        if (outcome == MidasJobs.Outcome.KeyReused)
        {
            log.CountRejected(ExternalSystems.Midas);
            return Bearer.Error(StatusCodes.Status409Conflict, $"{Bearer.IdempotencyKeyHeader} '{key}' was already used for a different job.");
        }

        var (_, duplicate) = log.Record(ExternalSystems.Midas, key, JsonSerializer.SerializeToElement(body, JsonSerializerOptions.Web), job!.JobId);
        var answer = new { jobId = job.JobId, accepted = job.Accepted, duplicate };
        return duplicate ? Results.Ok(answer) : Results.Json(answer, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(
        string jobId, HttpRequest request, FaultInjector faults, ReceivedLog log, MidasJobs jobs, IOptions<MidasStandInOptions> options, CancellationToken cancellationToken)
    {
        if (await faults.InjectAsync(ExternalSystems.Midas, log, cancellationToken) is { } fault)
        {
            return fault;
        }

        if (!Bearer.Accepts(request, options.Value.Token))
        {
            return Bearer.Error(StatusCodes.Status401Unauthorized, "Send 'Authorization: Bearer <token>'.");
        }

        return jobs.Find(jobId) is { } job
            ? Results.Ok(new { jobId = job.JobId, state = job.State.ToString(), accepted = job.Accepted, sent = job.Sent, failed = job.Failed })
            : Bearer.Error(StatusCodes.Status404NotFound, $"No bulk job '{jobId}'.");
    }
}
