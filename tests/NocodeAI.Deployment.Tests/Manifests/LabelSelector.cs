namespace NocodeAI.Deployment.Tests.Manifests;

/// <summary>Kubernetes label selection: a plain map (Service selectors) or matchLabels/matchExpressions.</summary>
public static class LabelSelector
{
    public static bool IsEmpty(object? selector) =>
        selector is not IReadOnlyDictionary<string, object?> map || map.Count == 0
        || (map.Keys.All(k => k is "matchLabels" or "matchExpressions") && selector.MapAt("matchLabels").Count == 0 && selector.ListAt("matchExpressions").Count == 0);

    public static bool Matches(object? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not IReadOnlyDictionary<string, object?> map)
        {
            return false;
        }

        var isLabelSelector = map.ContainsKey("matchLabels") || map.ContainsKey("matchExpressions");
        var required = isLabelSelector ? selector.StringsAt("matchLabels") : selector.StringsAt();
        if (required.Any(r => !labels.TryGetValue(r.Key, out var value) || value != r.Value))
        {
            return false;
        }

        return !isLabelSelector || selector.MapsAt("matchExpressions").All(e => MatchesExpression(e, labels));
    }

    private static bool MatchesExpression(IReadOnlyDictionary<string, object?> expression, IReadOnlyDictionary<string, string> labels)
    {
        var key = expression.StringAt("key") ?? string.Empty;
        var values = expression.ListAt("values").OfType<string>().ToHashSet(StringComparer.Ordinal);
        var present = labels.TryGetValue(key, out var value);
        return expression.StringAt("operator") switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
