using Microsoft.EntityFrameworkCore;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.Messaging;
using NocodeAI.Models.Datasets;
using NocodeAI.Models.Infrastructure;

namespace NocodeAI.Models.ModelRequests;

/// <summary>
/// The use cases of a model request. Each one loads the aggregate, calls one guarded transition,
/// writes the resulting event to the outbox in the same transaction, and after the commit publishes
/// the new view to the change feed for subscribers.
/// </summary>
public sealed class ModelRequestService(
    ModelsDbContext db,
    IOutbox outbox,
    UnitOfWork<ModelsDbContext> unitOfWork,
    AfterCommit afterCommit,
    IChangeFeed changeFeed,
    DatasetCatalog catalog,
    SagaMetrics sagaMetrics,
    TimeProvider clock)
{
    public async Task<ModelRequestView> RequestAsync(Caller caller, RequestModelInput input, CancellationToken cancellationToken)
    {
        caller.RequireRole(Role.USER, "request a model");
        var datasets = await catalog.GetDatasetsAsync(cancellationToken);
        var (name, description, spec) = ModelRequestValidator.Validate(input, datasets);
        var (id, now) = (SagaIds.New(), Now());
        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = ModelRequest.Create(id, name, description, caller.UserName, spec, now);
            db.ModelRequests.Add(request);
            await CommitAsync(request, request.Requested(), cancellationToken);
            return ModelRequestView.From(request, null);
        });
    }

    public async Task<ModelRequestView> ApproveAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.RequireRole(Role.APPROVER, "approve a model request");
        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = await FindVisibleAsync(caller, id, cancellationToken);
            var position = await WaitingCountAsync(cancellationToken) + 1;
            var approved = request.Approve(caller.UserName, Now(), position);
            // The job goes through the same outbox, so it is queued if and only if the approval commits.
            outbox.EnqueueJob(new TrainModel(request.Id, request.Name, request.Spec), request.Id.ToString(), request.Version);
            await CommitAsync(request, approved, cancellationToken);
            return ModelRequestView.From(request, position);
        });
    }

    public async Task<ModelRequestView> RejectAsync(Caller caller, string id, string reason, CancellationToken cancellationToken)
    {
        caller.RequireRole(Role.APPROVER, "reject a model request");
        reason = (reason ?? string.Empty).Trim();
        if (reason.Length is 0 or > 2_000)
        {
            throw NocodeException.Validation("reason", "Give a reason of 1–2,000 characters.");
        }

        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = await FindVisibleAsync(caller, id, cancellationToken);
            await CommitAsync(request, request.Reject(caller.UserName, reason, Now()), cancellationToken);
            return ModelRequestView.From(request, null);
        });
    }

    public async Task<ModelRequestView> CancelAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.RequireAuthenticated();
        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = await FindVisibleAsync(caller, id, cancellationToken);
            if (request.RequestedBy != caller.UserName && !caller.IsInRole(Role.ADMIN))
            {
                throw NocodeException.ForbiddenBecause("Only the requester or an ADMIN may cancel a model request.");
            }

            await CommitAsync(request, request.Cancel(caller.UserName, Now()), cancellationToken);
            return await ToViewAsync(request, cancellationToken);
        });
    }

    public async Task<ModelRequestView> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.RequireAuthenticated();
        return await ToViewAsync(await FindVisibleAsync(caller, id, cancellationToken), cancellationToken);
    }

    /// <summary>For federation: another subgraph holds a reference to this request (e.g. a target request's model).</summary>
    public async Task<ModelRequestView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }

        var request = await db.ModelRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == guid, cancellationToken);
        return request is null ? null : await ToViewAsync(request, cancellationToken);
    }

    /// <summary>
    /// Many requests by id in one query (the <c>_entities</c> batch), queue positions read once for all;
    /// ids that do not parse or do not exist are simply absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ModelRequestView>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var guids = ids.Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null).OfType<Guid>().Distinct().ToList();
        if (guids.Count == 0)
        {
            return new Dictionary<string, ModelRequestView>();
        }

        var requests = await db.ModelRequests.AsNoTracking().Where(r => guids.Contains(r.Id)).ToListAsync(cancellationToken);
        var positions = requests.Any(r => r.State == ModelState.APPROVED) ? await QueuePositionsAsync(cancellationToken) : [];
        var views = requests.ToDictionary(r => r.Id, r => ModelRequestView.From(r, positions.GetValueOrDefault(r.Id)));
        // Keyed by the id as the caller wrote it, so any spelling of a GUID finds its request.
        return ids.Where(id => Guid.TryParse(id, out var guid) && views.ContainsKey(guid))
            .Distinct()
            .ToDictionary(id => id, id => views[Guid.Parse(id)]);
    }

    public IQueryable<ModelRequest> Visible(Caller caller, ModelState? state, string? requestedBy)
    {
        caller.RequireAuthenticated();
        var query = db.ModelRequests.AsNoTracking();
        if (!caller.SeesAllRequests)
        {
            query = query.Where(r => r.RequestedBy == caller.UserName);
        }

        if (state is not null)
        {
            query = query.Where(r => r.State == state);
        }

        if (!string.IsNullOrEmpty(requestedBy))
        {
            query = query.Where(r => r.RequestedBy == requestedBy);
        }

        return query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id);
    }

    /// <summary>Queue positions of all APPROVED requests: first approved, first trained (the job queue is FIFO).</summary>
    public async Task<Dictionary<Guid, int>> QueuePositionsAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.ModelRequests.AsNoTracking()
            .Where(r => r.State == ModelState.APPROVED)
            .OrderBy(r => r.ApprovedAt).ThenBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        return waiting.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i + 1);
    }

    /// <summary>Applies a saga step reported by the training worker; returns false when it was stale and changed nothing.</summary>
    public async Task<bool> ApplyAsync(Guid id, Func<ModelRequest, ModelRequestEvent?> transition, CancellationToken cancellationToken)
    {
        var request = await db.ModelRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        var change = transition(request);
        if (change is null)
        {
            return false;
        }

        await CommitAsync(request, change, cancellationToken);
        return true;
    }

    private async Task CommitAsync(ModelRequest request, ModelRequestEvent change, CancellationToken cancellationToken)
    {
        outbox.Enqueue(change, request.Id.ToString(), request.Version);
        var queueMoved = change is ModelApproved or ModelTrainingStarted || (change is ModelCanceled or ModelFailed && request.ApprovedAt is not null);
        afterCommit.Add(ct => PublishAsync(request, queueMoved, ct));
        afterCommit.Add(_ =>
        {
            sagaMetrics.RecordTransition("model", request.History, e => e.State.ToString(), e => e.At, change.OccurredAt);
            return Task.CompletedTask;
        });
        try
        {
            await unitOfWork.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw NocodeException.Conflict("ModelRequest", request.Id.ToString());
        }
    }

    private async Task PublishAsync(ModelRequest request, bool queueMoved, CancellationToken cancellationToken)
    {
        // Progress reports are most of the traffic and need no queue positions.
        var positions = queueMoved || request.State == ModelState.APPROVED
            ? await QueuePositionsAsync(cancellationToken)
            : [];
        await changeFeed.PublishAsync(ModelRequestView.Topic, ModelRequestView.From(request, positions.GetValueOrDefault(request.Id)), cancellationToken);
        if (!queueMoved)
        {
            return;
        }

        // Everyone behind a request that entered or left the queue moved; tell their subscribers.
        var waiting = await db.ModelRequests.AsNoTracking()
            .Where(r => r.State == ModelState.APPROVED && r.Id != request.Id)
            .ToListAsync(cancellationToken);
        foreach (var other in waiting)
        {
            await changeFeed.PublishAsync(ModelRequestView.Topic, ModelRequestView.From(other, positions.GetValueOrDefault(other.Id)), cancellationToken);
        }
    }

    private async Task<ModelRequestView> ToViewAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        int? position = request.State == ModelState.APPROVED
            ? (await QueuePositionsAsync(cancellationToken)).GetValueOrDefault(request.Id)
            : null;
        return ModelRequestView.From(request, position);
    }

    private async Task<int> WaitingCountAsync(CancellationToken cancellationToken) =>
        await db.ModelRequests.CountAsync(r => r.State == ModelState.APPROVED, cancellationToken);

    private async Task<ModelRequest> FindVisibleAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            throw NocodeException.NotFound("ModelRequest", id);
        }

        var request = await db.ModelRequests.FirstOrDefaultAsync(r => r.Id == guid, cancellationToken);
        return request is not null && caller.CanSee(request.RequestedBy) ? request : throw NocodeException.NotFound("ModelRequest", id);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
