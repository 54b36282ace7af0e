using Microsoft.EntityFrameworkCore;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.ServiceDefaults.Sagas;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.Messaging;
using NocodeAI.Targets.Infrastructure;

namespace NocodeAI.Targets.TargetRequests;

/// <summary>
/// The use cases of a target request. Each one loads the aggregate, calls one guarded transition,
/// writes the resulting event (and job) to the outbox in the same transaction, and after the commit
/// publishes the new view to the change feed for subscribers.
/// </summary>
public sealed class TargetRequestService(
    TargetsDbContext db,
    IOutbox outbox,
    UnitOfWork<TargetsDbContext> unitOfWork,
    AfterCommit afterCommit,
    IChangeFeed changeFeed,
    SagaMetrics sagaMetrics,
    TimeProvider clock)
{
    public async Task<TargetRequestView> RequestAsync(Caller caller, RequestTargetInput input, CancellationToken cancellationToken)
    {
        caller.RequireRole(Role.USER, "request a target extraction");
        var (name, modelRequestId, criteria, message) = TargetRequestValidator.Validate(input);

        // Answered from this service's readiness replica: no call to the models service (SPEC N1).
        var model = await db.ModelReadiness.AsNoTracking().FirstOrDefaultAsync(m => m.ModelRequestId == modelRequestId, cancellationToken);
        if (model is null || !caller.CanSee(model.RequestedBy))
        {
            throw NocodeException.NotFound("ModelRequest", input.ModelRequestId);
        }

        if (model.State != ModelState.COMPLETED)
        {
            throw new NocodeException(
                ErrorCodes.ModelNotReady,
                $"Model request '{model.Name}' is {model.State}; targets can be extracted only with a COMPLETED model.",
                new Dictionary<string, object?> { ["field"] = "modelRequestId", ["modelState"] = model.State.ToString() });
        }

        var (id, now) = (SagaIds.New(), Now());
        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = TargetRequest.Create(id, name, caller.UserName, modelRequestId, criteria, message, now);
            db.TargetRequests.Add(request);
            await CommitAsync(request, request.Requested(), cancellationToken);
            return TargetRequestView.From(request);
        });
    }

    public async Task<TargetRequestView> ApproveAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.RequireRole(Role.APPROVER, "approve a target request");
        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = await FindVisibleAsync(caller, id, cancellationToken);
            var approved = request.Approve(caller.UserName, Now());
            // The job goes through the same outbox, so it is queued if and only if the approval commits.
            outbox.EnqueueJob(new ExtractTargets(request.Id, request.ModelRequestId, request.Name, request.Criteria), request.Id.ToString(), request.Version);
            await CommitAsync(request, approved, cancellationToken);
            return TargetRequestView.From(request);
        });
    }

    public async Task<TargetRequestView> RejectAsync(Caller caller, string id, string reason, CancellationToken cancellationToken)
    {
        caller.RequireRole(Role.APPROVER, "reject a target request");
        reason = (reason ?? string.Empty).Trim();
        if (reason.Length is 0 or > 2_000)
        {
            throw NocodeException.Validation("reason", "Give a reason of 1–2,000 characters.");
        }

        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = await FindVisibleAsync(caller, id, cancellationToken);
            await CommitAsync(request, request.Reject(caller.UserName, reason, Now()), cancellationToken);
            return TargetRequestView.From(request);
        });
    }

    public async Task<TargetRequestView> CancelAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.RequireAuthenticated();
        return await CommandRetry.RunAsync(db, async () =>
        {
            var request = await FindVisibleAsync(caller, id, cancellationToken);
            if (request.RequestedBy != caller.UserName && !caller.IsInRole(Role.ADMIN))
            {
                throw NocodeException.ForbiddenBecause("Only the requester or an ADMIN may cancel a target request.");
            }

            var canceled = request.Cancel(caller.UserName, Now());
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DropMembersAsync(request.Id, cancellationToken);
            await CommitAsync(request, canceled, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await afterCommit.RunAsync(cancellationToken);
            return TargetRequestView.From(request);
        });
    }

    public async Task<TargetRequestView> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.RequireAuthenticated();
        return TargetRequestView.From(await FindVisibleAsync(caller, id, cancellationToken));
    }

    /// <summary>For federation: the gateway resolves a TargetRequest reference held elsewhere.</summary>
    public async Task<TargetRequestView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }

        var request = await db.TargetRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == guid, cancellationToken);
        return request is null ? null : TargetRequestView.From(request);
    }

    public IQueryable<TargetRequest> Visible(Caller caller, TargetState? state, string? requestedBy, Guid? modelRequestId)
    {
        caller.RequireAuthenticated();
        var query = db.TargetRequests.AsNoTracking();
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

        if (modelRequestId is not null)
        {
            query = query.Where(r => r.ModelRequestId == modelRequestId);
        }

        return query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id);
    }

    /// <summary>The visible target requests of many models at once (the <c>ModelRequest.targets</c> batch), newest first.</summary>
    public async Task<ILookup<Guid, TargetRequestView>> ByModelsAsync(Caller caller, IEnumerable<Guid> modelRequestIds, CancellationToken cancellationToken)
    {
        var ids = modelRequestIds.Distinct().ToList();
        if (!caller.IsAuthenticated)
        {
            return Array.Empty<TargetRequestView>().ToLookup(v => v.ModelRequestId);
        }

        var query = db.TargetRequests.AsNoTracking().Where(r => ids.Contains(r.ModelRequestId));
        if (!caller.SeesAllRequests)
        {
            query = query.Where(r => r.RequestedBy == caller.UserName);
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        return rows.Select(TargetRequestView.From).ToLookup(v => v.ModelRequestId);
    }

    /// <summary>Applies a saga step the worker reported; returns false when it was stale and changed nothing.</summary>
    public async Task<bool> ApplyAsync(Guid id, Func<TargetRequest, TargetRequestEvent?> transition, CancellationToken cancellationToken)
    {
        var request = await db.TargetRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var change = request is null ? null : transition(request);
        if (request is null || change is null)
        {
            return false;
        }

        switch (change)
        {
            case TargetExtracted:
                // Same transaction as EXTRACTED: the dispatch is queued if and only if the list is recorded.
                outbox.EnqueueJob(new DispatchTargets(request.Id, request.Name, request.Message), request.Id.ToString(), request.Version);
                break;
        }

        await CommitAsync(request, change, cancellationToken);
        return true;
    }

    /// <summary>A change subscribers see but no other service needs (progress, a retry): no event.</summary>
    public async Task<bool> UpdateAsync(Guid id, Func<TargetRequest, bool> update, CancellationToken cancellationToken)
    {
        var request = await db.TargetRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null || !update(request))
        {
            return false;
        }

        afterCommit.Add(ct => changeFeed.PublishAsync(TargetRequestView.Topic, TargetRequestView.From(request), ct));
        await SaveAsync(request, cancellationToken);
        return true;
    }

    /// <summary>Drops a list the worker stored after the request was cancelled (it checks, but a cancel can land mid-write).</summary>
    public async Task DropMembersIfFinalAsync(Guid id, CancellationToken cancellationToken)
    {
        var state = await db.TargetRequests.AsNoTracking().Where(r => r.Id == id).Select(r => (TargetState?)r.State).FirstOrDefaultAsync(cancellationToken);
        if (state is TargetState.CANCELED or TargetState.FAILED or TargetState.REJECTED)
        {
            await DropMembersAsync(id, cancellationToken);
        }
    }

    private Task<int> DropMembersAsync(Guid id, CancellationToken cancellationToken) =>
        db.TargetMembers.Where(m => m.TargetRequestId == id).ExecuteDeleteAsync(cancellationToken);

    private async Task CommitAsync(TargetRequest request, TargetRequestEvent change, CancellationToken cancellationToken)
    {
        outbox.Enqueue(change, request.Id.ToString(), request.Version);
        afterCommit.Add(ct => changeFeed.PublishAsync(TargetRequestView.Topic, TargetRequestView.From(request), ct));
        afterCommit.Add(_ =>
        {
            sagaMetrics.RecordTransition("target", request.History, e => e.State.ToString(), e => e.At, change.OccurredAt);
            return Task.CompletedTask;
        });
        await SaveAsync(request, cancellationToken);
    }

    private async Task SaveAsync(TargetRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await unitOfWork.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw NocodeException.Conflict("TargetRequest", request.Id.ToString());
        }
    }

    private async Task<TargetRequest> FindVisibleAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            throw NocodeException.NotFound("TargetRequest", id);
        }

        var request = await db.TargetRequests.FirstOrDefaultAsync(r => r.Id == guid, cancellationToken);
        return request is not null && caller.CanSee(request.RequestedBy) ? request : throw NocodeException.NotFound("TargetRequest", id);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
