using System.Globalization;
using Microsoft.Extensions.Options;
using NocodeAI.Extraction.Midas;
using NocodeAI.Messaging;
using NocodeAI.Targets.TargetMembers;

namespace NocodeAI.Extraction.Jobs;

/// <summary>
/// Sends an extracted list to MIDAS in chunks of at most 1,000, each with Idempotency-Key
/// <c>{targetRequestId}:{chunkIndex}</c>, then reads every bulk job back until it is DONE and reports
/// the delivery counts. A redelivered job re-submits with the same keys, which MIDAS answers with the
/// jobs it already has, so nobody gets the message twice. Retries exhausted end the request FAILED.
/// </summary>
public sealed class DispatchTargetsJobHandler(
    TargetMemberStore members,
    MidasBulkLmsClient midas,
    IEventPublisher publisher,
    IOptions<MidasOptions> midasOptions,
    IOptions<ExtractionWorkerOptions> options,
    TimeProvider clock,
    ILogger<DispatchTargetsJobHandler> logger) : IJobHandler<DispatchTargets>
{
    public async Task HandleAsync(DispatchTargets job, JobContext context, CancellationToken cancellationToken)
    {
        var id = job.TargetRequestId;
        var attempt = context.DeliveryCount;
        var report = new ExtractionReporter(publisher, context.Envelope, "dispatch", id, options.Value.ResolveWorkerId(), attempt);
        if (await members.StateAsync(id, cancellationToken) is not (TargetState.EXTRACTED or TargetState.DISPATCHING))
        {
            logger.LogInformation("Skipping dispatch of {TargetRequestId}: it is no longer waiting for it", id);
            return;
        }

        await report.PublishAsync(new DispatchStarted(id, report.WorkerId, attempt), cancellationToken);
        MidasRetryCallback onRetry = (calls, error, ct) => report.TryPublishAsync(new DispatchRetrying(id, report.WorkerId, attempt, calls, error), ct);
        try
        {
            var settings = midasOptions.Value;
            var jobIds = new List<string>();
            var chunk = 0;
            await foreach (var customerIds in members.ReadCustomerIdsAsync(id, settings.ChunkSize, cancellationToken))
            {
                var key = $"{id}:{chunk}";
                var recipients = customerIds.Select(c => new MidasRecipient(c.ToString(CultureInfo.InvariantCulture))).ToList();
                var accepted = await midas.SubmitAsync(key, new MidasBulkJobRequest(job.Name, job.Message, recipients), onRetry, cancellationToken);
                jobIds.Add(accepted.JobId);
                chunk++;
            }

            long sent = 0, failed = 0;
            foreach (var jobId in jobIds)
            {
                var status = await WaitUntilDoneAsync(jobId, settings, onRetry, cancellationToken);
                sent += status.Sent;
                failed += status.Failed;
            }

            await report.PublishAsync(new DispatchCompleted(id, report.WorkerId, attempt, jobIds, sent, failed, midas.Calls), cancellationToken);
            logger.LogInformation("Dispatched {TargetRequestId}: {Chunks} MIDAS jobs, sent {Sent}, failed {Failed}", id, jobIds.Count, sent, failed);
        }
        catch (MidasException ex)
        {
            logger.LogError("Dispatch of {TargetRequestId} failed: {Reason}", id, ex.Message);
            await report.PublishAsync(new DispatchFailed(id, report.WorkerId, attempt, ex.Message, midas.Calls), cancellationToken);
        }
    }

    private async Task<MidasBulkJobStatus> WaitUntilDoneAsync(string jobId, MidasOptions settings, MidasRetryCallback onRetry, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + settings.PollTimeout;
        while (true)
        {
            var status = await midas.GetAsync(jobId, onRetry, cancellationToken);
            if (status.IsDone)
            {
                return status;
            }

            if (clock.GetUtcNow() > deadline)
            {
                throw new MidasException($"MIDAS job {jobId} was still {status.State} after {settings.PollTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(settings.PollInterval, clock, cancellationToken);
        }
    }
}
