using System.Text.RegularExpressions;
using NocodeAI.ServiceDefaults;

namespace NocodeAI.Access.Users;

/// <summary>A new user that passed validation: normalised and ready to store.</summary>
public sealed record ValidNewUser(string Username, string DisplayName, string Password, IReadOnlyList<Role> Roles, string? MessengerId);

/// <summary>
/// Checks user input before anything is stored and names the offending field (VALIDATION_FAILED).
/// Usernames are normalised to lower case first, so "Alice" and "alice" are the same user.
/// </summary>
public static partial class UserValidator
{
    public const int MinUsernameLength = 3;
    public const int MaxUsernameLength = 32;
    public const int MaxDisplayNameLength = 100;
    public const int MinPasswordLength = 8;

    /// <summary>Long enough for any passphrase, short enough that a request cannot make hashing expensive.</summary>
    public const int MaxPasswordLength = 128;

    public const int MaxMessengerIdLength = 200;

    [GeneratedRegex("^[a-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    public static string NormalizeUsername(string? username) => (username ?? string.Empty).Trim().ToLowerInvariant();

    public static bool IsWellFormedUsername(string normalized) =>
        normalized.Length is >= MinUsernameLength and <= MaxUsernameLength && UsernamePattern().IsMatch(normalized);

    /// <param name="allowDevelopmentSecrets">
    /// Only Development may use the repository's well-known passwords (nocode-admin, ...); anywhere
    /// else they are as good as public, so they are refused.
    /// </param>
    public static ValidNewUser Validate(CreateUserInput input, bool allowDevelopmentSecrets)
    {
        var username = NormalizeUsername(input.Username);
        if (!IsWellFormedUsername(username))
        {
            throw NocodeException.Validation("username",
                $"The username must be {MinUsernameLength}–{MaxUsernameLength} characters of a–z, 0–9, '.', '_' or '-'.");
        }

        var displayName = (input.DisplayName ?? string.Empty).Trim();
        if (displayName.Length is 0 or > MaxDisplayNameLength)
        {
            throw NocodeException.Validation("displayName", $"The display name must be 1–{MaxDisplayNameLength} characters.");
        }

        ValidatePassword(input.Password, allowDevelopmentSecrets);
        var roles = ValidateRoles(input.Roles ?? [Role.USER]);

        var messengerId = string.IsNullOrWhiteSpace(input.MessengerId) ? null : input.MessengerId.Trim();
        if (messengerId is { Length: > MaxMessengerIdLength })
        {
            throw NocodeException.Validation("messengerId", $"The messenger id must be at most {MaxMessengerIdLength} characters.");
        }

        return new ValidNewUser(username, displayName, input.Password, roles, messengerId);
    }

    public static void ValidatePassword(string? password, bool allowDevelopmentSecrets)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            throw NocodeException.Validation("password", $"The password must be {MinPasswordLength}–{MaxPasswordLength} characters.");
        }

        if (!allowDevelopmentSecrets && DefaultSecretGuard.DevelopmentSecrets.Contains(password))
        {
            throw NocodeException.Validation("password", "This password is published with the development setup; choose another.");
        }
    }

    public static IReadOnlyList<Role> ValidateRoles(IEnumerable<Role> roles)
    {
        var canonical = User.Canonical(roles);
        return canonical.Length > 0 ? canonical : throw NocodeException.Validation("roles", "Give the user at least one role.");
    }
}
