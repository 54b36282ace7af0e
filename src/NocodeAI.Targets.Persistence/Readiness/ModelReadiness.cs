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
}
