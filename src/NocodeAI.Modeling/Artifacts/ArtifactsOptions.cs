using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Modeling;

/// <summary>Where trained models are kept (configuration section "Artifacts"); shared by the training and extraction workers.</summary>
public sealed class ArtifactsOptions
{
    [Required]
    public string ArtifactDirectory { get; set; } = string.Empty;
}
