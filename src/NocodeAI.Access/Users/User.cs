namespace NocodeAI.Access.Users;

/// <summary>
/// Someone who signs in. The username is stored normalised (lower case), so uniqueness is
/// case-insensitive by construction. Every change bumps <see cref="Version"/>, the
/// optimistic-concurrency token: two admins editing one user at once end in CONFLICT, not a lost update.
/// </summary>
public sealed class User
{
    private User()
    {
        Username = string.Empty;
        DisplayName = string.Empty;
        PasswordHash = string.Empty;
        Roles = [];
    }

    public Guid Id { get; private set; }

    public string Username { get; private set; }

    public string DisplayName { get; private set; }

    /// <summary>Self-describing PBKDF2 hash (see <see cref="Auth.PasswordHasher"/>); never leaves the service.</summary>
    public string PasswordHash { get; private set; }

    /// <summary>Distinct roles in the enum's order (USER, APPROVER, ADMIN).</summary>
    public IReadOnlyList<Role> Roles { get; private set; }

    /// <summary>SwingChat id that notices are sent to; null when the user has none.</summary>
    public string? MessengerId { get; private set; }

    /// <summary>A disabled user cannot sign in; an admin disables and enables (see <see cref="Disable"/>).</summary>
    public bool Disabled { get; private set; }

    /// <summary>When the user was last disabled; null while enabled.</summary>
    public DateTime? DisabledAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public bool IsInRole(Role role) => Roles.Contains(role);

    public static User Create(Guid id, string username, string displayName, string passwordHash, IEnumerable<Role> roles, string? messengerId, DateTime now) =>
        new()
        {
            Id = id,
            Username = username,
            DisplayName = displayName,
            PasswordHash = passwordHash,
            Roles = Canonical(roles),
            MessengerId = messengerId,
            CreatedAt = ToStoredPrecision(now),
            UpdatedAt = ToStoredPrecision(now),
            Version = 1,
        };

    /// <summary>Replaces the user's roles; answers false (and changes nothing) when the set is the same.</summary>
    public bool AssignRoles(IEnumerable<Role> roles, DateTime now)
    {
        var canonical = Canonical(roles);
        if (canonical.SequenceEqual(Roles))
        {
            return false;
        }

        Roles = canonical;
        Touch(now);
        return true;
    }

    /// <summary>A new password chosen by the user.</summary>
    public void ChangePassword(string passwordHash, DateTime now)
    {
        PasswordHash = passwordHash;
        Touch(now);
    }

    /// <summary>
    /// Stops the user from signing in; answers false (and changes nothing) when already disabled. Ending the
    /// tokens they hold, and who may be disabled at all, is <see cref="UserAdministration"/>'s business.
    /// </summary>
    public bool Disable(DateTime now)
    {
        if (Disabled)
        {
            return false;
        }

        Disabled = true;
        DisabledAt = ToStoredPrecision(now);
        Touch(now);
        return true;
    }

    /// <summary>Lets the user sign in again; answers false (and changes nothing) when not disabled.</summary>
    public bool Enable(DateTime now)
    {
        if (!Disabled)
        {
            return false;
        }

        Disabled = false;
        DisabledAt = null;
        Touch(now);
        return true;
    }

    /// <summary>Stores a stronger hash of the same password (more iterations) after a successful sign-in.</summary>
    public void UpgradePasswordHash(string passwordHash, DateTime now)
    {
        PasswordHash = passwordHash;
        Touch(now);
    }

    public static Role[] Canonical(IEnumerable<Role> roles) => roles.Distinct().Order().ToArray();

    private void Touch(DateTime now)
    {
        UpdatedAt = ToStoredPrecision(now);
        Version++;
    }

    /// <summary>PostgreSQL keeps microseconds; rounding here makes a fresh user read the same as a stored one.</summary>
    private static DateTime ToStoredPrecision(DateTime time) => new(time.Ticks - (time.Ticks % 10), DateTimeKind.Utc);
}
