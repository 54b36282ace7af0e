namespace NocodeAI.Targets.Readiness;

/// <summary>
/// The targets service's own replica of a model request's readiness, fed by the models service's events
/// (SPEC N1): a target request is accepted or refused from this row alone, while models and training are down.
/// </summary>
public sealed class ModelReadiness
{
    public Guid ModelRequestId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string RequestedBy { get; set; } = string.Empty;

    public ModelState State { get; set; }

    public string? ArtifactId { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// The model request's version this row reflects (the events' <c>aggregateVersion</c>): an event at
    /// or below it is older news, e.g. redelivered after a newer one, and changes nothing.
    /// </summary>
    public long Version { get; set; }

    /// <summary>Takes the model request's state from an event newer than the row; false for older news.</summary>
    public bool Apply(ModelRequestEvent @event, long version)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (version <= Version)
        {
            return false;
        }

        Version = version;
        Name = @event.Name;
        RequestedBy = @event.RequestedBy;
        State = @event.State;
        UpdatedAt = @event.OccurredAt;
        if (@event is ModelCompleted completed)
        {
            ArtifactId = completed.ArtifactId;
        }

        return true;
    }
}
