using Microsoft.EntityFrameworkCore;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.MyRequests;

/// <summary>Reads the myRequests projection; never calls the owners (models, targets).</summary>
public sealed class MyRequestService(NoticesDbContext db)
{
    /// <summary>Newest change first. A USER sees their own requests; APPROVER and ADMIN see all.</summary>
    public IQueryable<MyRequest> Visible(Caller caller, SubjectType? kind)
    {
        caller.RequireAuthenticated();
        var query = db.MyRequests.AsNoTracking();
        if (!caller.SeesAllRequests)
        {
            query = query.Where(r => r.RequestedBy == caller.UserName);
        }

        if (kind is not null)
        {
            query = query.Where(r => r.Kind == kind);
        }

        return query.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Id);
    }
}
