using NocodeAI.Warehouse;

namespace NocodeAI.Models.ModelRequests;

/// <summary>
/// Checks a model request against the warehouse catalogue before anything is stored, so a request
/// that could never train is refused at once with the offending field (VALIDATION_FAILED).
/// </summary>
public static class ModelRequestValidator
{
    public const double DefaultValidationFraction = 0.2;
    public const double MinValidationFraction = 0.05;
    public const double MaxValidationFraction = 0.5;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2_000;

    public static (string Name, string? Description, ModelSpec Spec) Validate(RequestModelInput input, IReadOnlyList<Dataset> datasets)
    {
        var name = (input.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw NocodeException.Validation("name", $"The name must be 1–{MaxNameLength} characters.");
        }

        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > MaxDescriptionLength })
        {
            throw NocodeException.Validation("description", $"The description must be at most {MaxDescriptionLength} characters.");
        }

        var dataset = datasets.FirstOrDefault(d => d.Name == input.Dataset)
            ?? throw NocodeException.Validation("dataset",
                $"Dataset '{input.Dataset}' does not exist. Known datasets: {string.Join(", ", datasets.Select(d => d.Name))}.");

        if (!dataset.Labels.Contains(input.Label))
        {
            throw NocodeException.Validation("label",
                $"'{input.Label}' is not a label of {dataset.Name}. Its labels: {string.Join(", ", dataset.Labels)}.");
        }

        var features = (input.Features ?? []).Select(f => f.Trim()).ToList();
        if (features.Count == 0)
        {
            throw NocodeException.Validation("features", "Choose at least one feature.");
        }

        if (features.Contains(input.Label))
        {
            throw NocodeException.Validation("features", $"The label '{input.Label}' cannot also be a feature.");
        }

        var duplicate = features.GroupBy(f => f).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw NocodeException.Validation("features", $"Feature '{duplicate.Key}' is listed twice.");
        }

        var columns = dataset.Columns.Select(c => c.Name).ToHashSet();
        var unknown = features.Where(f => !columns.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            throw NocodeException.Validation("features",
                $"{dataset.Name} has no column {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        }

        var fraction = input.ValidationFraction ?? DefaultValidationFraction;
        if (double.IsNaN(fraction) || fraction < MinValidationFraction || fraction > MaxValidationFraction)
        {
            throw NocodeException.Validation("validationFraction",
                $"validationFraction must be between {MinValidationFraction} and {MaxValidationFraction}.");
        }

        return (name, description, new ModelSpec(dataset.Name, input.Label, features, input.Algorithm, fraction));
    }
}
