using System.Text.RegularExpressions;

namespace NocodeAI.Warehouse;

/// <summary>
/// Table and column names come from the catalogue, never from a caller; they are still checked against a
/// plain-identifier pattern and quoted, so a bad catalogue row cannot turn into SQL.
/// </summary>
internal static partial class SqlIdentifier
{
    public static bool IsValid(string name) => PlainIdentifier().IsMatch(name);

    public static string Quote(string name) =>
        IsValid(name) ? $"\"{name}\"" : throw new InvalidOperationException($"'{name}' is not a plain SQL identifier.");

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();
}
