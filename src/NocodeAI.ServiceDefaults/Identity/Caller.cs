using System.Security.Claims;
using NocodeAI.ServiceDefaults.Errors;

namespace NocodeAI.ServiceDefaults.Identity;

/// <summary>Who is calling, read from a validated token. Every subgraph makes its role checks through this type.</summary>
public sealed record Caller(string UserId, string UserName, IReadOnlySet<Role> Roles)
{
    public const string UserNameClaim = "name";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public static readonly Caller Anonymous = new(string.Empty, string.Empty, new HashSet<Role>());

    public bool IsAuthenticated => UserName.Length > 0;

    public bool IsInRole(Role role) => Roles.Contains(role);

    /// <summary>APPROVER and ADMIN see every request; a USER only their own (SPEC §4 visibility).</summary>
    public bool SeesAllRequests => IsInRole(Role.APPROVER) || IsInRole(Role.ADMIN);

    public bool CanSee(string requestedBy) => SeesAllRequests || string.Equals(requestedBy, UserName, StringComparison.Ordinal);

    public Caller RequireAuthenticated() => IsAuthenticated ? this : throw NocodeException.Unauthenticated();

    public Caller RequireRole(Role role, string action)
    {
        RequireAuthenticated();
        return IsInRole(role) ? this : throw NocodeException.Forbidden(action, role.ToString());
    }

    public static Caller From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var name = principal.FindFirst(UserNameClaim)?.Value ?? string.Empty;
        var id = principal.FindFirst(SubjectClaim)?.Value ?? string.Empty;
        var roles = principal.FindAll(RoleClaim)
            .Select(c => Enum.TryParse<Role>(c.Value, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .ToHashSet();
        return new Caller(id, name, roles);
    }
}
