using NocodeAI.Notices.IntegrationEvents;
using NocodeAI.Notices.Notices;

namespace NocodeAI.Notices.MyRequests;

/// <summary>
/// The read model of one model or target request (SPEC N2): built only from the owners' events,
/// one row per request, id = the request's own id. Changes apply in aggregate-version order; a change
/// whose version is not newer than the row's is stale or a duplicate and changes nothing.
/// </summary>
public sealed class MyRequest
{
    private MyRequest()
    {
        Name = string.Empty;
        State = string.Empty;
        RequestedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public SubjectType Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>The owner's state name (ModelState, TargetState).</summary>
    public string State { get; private set; }

    public double Progress { get; private set; }

    public string RequestedBy { get; private set; }

    /// <summary>When the owner made the change (the event's occurredAt), so a replay reproduces it.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>aggregateVersion of the last change applied.</summary>
    public long LastVersion { get; private set; }

    public static MyRequest From(RequestChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var row = new MyRequest { Id = change.RequestId, Kind = change.Kind };
        row.Set(change);
        return row;
    }

    /// <summary>Applies a newer change; returns false (and changes nothing) for a stale or duplicate one.</summary>
    public bool Apply(RequestChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Version <= LastVersion)
        {
            return false;
        }

        Set(change);
        return true;
    }

    private void Set(RequestChange change)
    {
        Name = change.Name;
        State = change.State;
        RequestedBy = change.RequestedBy;
        if (change.Progress is { } progress)
        {
            Progress = Math.Clamp(progress, 0, 1);
        }

        UpdatedAt = change.OccurredAt;
        LastVersion = change.Version;
    }
}
