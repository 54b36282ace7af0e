using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NocodeAI.Externals.Extensions;

namespace NocodeAI.Externals.Midas;

public sealed record BulkRecipient(string? CustomerId, string? Phone);

/// <summary>The body of <c>POST /midas/v1/bulk-jobs</c>.</summary>
public sealed record BulkJobRequest(string? CampaignName, string? Message, IReadOnlyList<BulkRecipient>? Recipients)
{
    public const int MaxMessageLength = 2_000;

    public string? Problem(int maxRecipients) =>
        string.IsNullOrWhiteSpace(CampaignName) || CampaignName.Length > 200 ? "campaignName must be 1–200 characters."
        : string.IsNullOrWhiteSpace(Message) || Message.Length > MaxMessageLength ? $"message must be 1–{MaxMessageLength} characters."
        : Recipients is null || Recipients.Count == 0 ? "recipients must hold at least one recipient."
        : Recipients.Count > maxRecipients ? $"At most {maxRecipients} recipients per job; send the rest in further jobs."
        : Recipients.Any(r => r is null || string.IsNullOrWhiteSpace(r.CustomerId)) ? "Every recipient needs a customerId."
        : null;
}

public enum BulkJobState
{
    ACCEPTED,
    SENDING,
    DONE,
}

/// <summary>A bulk job as MIDAS reports it.</summary>
public sealed record BulkJobStatus(string JobId, BulkJobState State, int Accepted, int Sent, int Failed, string CampaignName, DateTimeOffset AcceptedAt);

/// <summary>
/// The MIDAS jobs the stand-in accepted, by idempotency key and by job id. A job's progress is a
/// function of time (ACCEPTED, then SENDING, then DONE), so reading it never changes it.
/// </summary>
public sealed class MidasJobs(IOptions<MidasStandInOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, Job> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Job> _byId = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public enum Outcome
    {
        Created,
        Repeated,
        KeyReused,
    }

    /// <summary>Creates the job for a new key; the same key with the same request answers the same job; with another request, a conflict.</summary>
    public (Outcome Outcome, BulkJobStatus? Job) Submit(string idempotencyKey, BulkJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fingerprint = JsonSerializer.Serialize(request, JsonSerializerOptions.Web);
        lock (_lock)
        {
            if (_byKey.TryGetValue(idempotencyKey, out var existing))
            {
                return existing.Fingerprint == fingerprint ? (Outcome.Repeated, Status(existing)) : (Outcome.KeyReused, null);
            }

            var recipients = request.Recipients!;
            var failed = recipients.Count(r => Fails(r, options.Value.RecipientFailureRate));
            var job = new Job($"midas-{Guid.NewGuid():N}", request.CampaignName!, recipients.Count, failed, clock.GetUtcNow(), fingerprint);
            _byKey[idempotencyKey] = job;
            _byId[job.JobId] = job;
            return (Outcome.Created, Status(job));
        }
    }

    public BulkJobStatus? Find(string jobId)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(jobId, out var job) ? Status(job) : null;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _byKey.Clear();
            _byId.Clear();
        }
    }

    private BulkJobStatus Status(Job job)
    {
        var settings = options.Value;
        var elapsed = clock.GetUtcNow() - job.AcceptedAt;
        var good = job.Accepted - job.Failed;
        if (elapsed < settings.AcceptedFor)
        {
            return new BulkJobStatus(job.JobId, BulkJobState.ACCEPTED, job.Accepted, 0, 0, job.CampaignName, job.AcceptedAt);
        }

        var sending = elapsed - settings.AcceptedFor;
        if (sending < settings.SendingFor)
        {
            var share = sending / settings.SendingFor;
            return new BulkJobStatus(job.JobId, BulkJobState.SENDING, job.Accepted, (int)(good * share), (int)(job.Failed * share), job.CampaignName, job.AcceptedAt);
        }

        return new BulkJobStatus(job.JobId, BulkJobState.DONE, job.Accepted, good, job.Failed, job.CampaignName, job.AcceptedAt);
    }

    /// <summary>Deterministic by customer id, so the same job always reports the same numbers.</summary>
    private static bool Fails(BulkRecipient recipient, double rate)
    {
        if (recipient.Phone is { Length: > 0 } phone && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '))
        {
            return true;
        }

        if (rate <= 0)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(recipient.CustomerId!));
        return BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue < rate;
    }

    private sealed record Job(string JobId, string CampaignName, int Accepted, int Failed, DateTimeOffset AcceptedAt, string Fingerprint);
}
