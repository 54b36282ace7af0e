using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Auth;
using NocodeAI.Access.Infrastructure;
using Npgsql;

namespace NocodeAI.Access.Users;

/// <summary>
/// What admins do with users. Each call opens its own DbContext: GraphQL resolves sibling query
/// fields in parallel, and one DbContext must never serve two queries at once.
/// </summary>
public sealed class UserAdministration(
    IDbContextFactory<AccessDbContext> dbFactory,
    PasswordHasher hasher,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    /// <summary>Serialises the changes that take ADMIN away, so two of them cannot both leave the last admin without it.</summary>
    private const long AdminRemovalLockKey = 0x6E6F_636F_6465_0001;

    public async Task<User?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(cancellationToken);
    }

    public async Task<User> CreateAsync(CreateUserInput input, Caller admin, CancellationToken cancellationToken)
    {
        var valid = UserValidator.Validate(input, allowDevelopmentSecrets: environment.IsDevelopment());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Username == valid.Username, cancellationToken))
        {
            throw UsernameTaken(valid.Username);
        }

        var user = User.Create(Guid.CreateVersion7(), valid.Username, valid.DisplayName, hasher.Hash(valid.Password), valid.Roles,
            valid.MessengerId, clock.GetUtcNow().UtcDateTime);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Created by someone else between the check above and this insert.
            throw UsernameTaken(valid.Username);
        }

        logger.LogInformation("User {UserId} ({Username}) created by {AdminId} with roles {Roles}",
            user.Id, user.Username, admin.UserId, string.Join(",", user.Roles));
        return user;
    }

    /// <summary>The user's roles now, or null when there is no such user.</summary>
    public async Task<HashSet<Role>?> RolesOfAsync(string userId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roles = await db.Users.Where(u => u.Id == id).Select(u => u.Roles).SingleOrDefaultAsync(cancellationToken);
        return roles?.ToHashSet();
    }

    public async Task<User> AssignRolesAsync(string userId, IEnumerable<Role> roles, Caller admin, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            throw NocodeException.NotFound("User", userId);
        }

        var newRoles = UserValidator.ValidateRoles(roles);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw NocodeException.NotFound("User", userId);

        if (user.IsInRole(Role.ADMIN) && !newRoles.Contains(Role.ADMIN))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdminRemovalLockKey})", cancellationToken);
            var otherAdmins = await db.Users.CountAsync(u => u.Id != id && u.Roles.Contains(Role.ADMIN), cancellationToken);
            if (otherAdmins == 0)
            {
                throw NocodeException.Validation("roles", string.Equals(admin.UserId, user.Id.ToString(), StringComparison.OrdinalIgnoreCase)
                    ? "You are the last admin: give ADMIN to someone else before removing it from yourself."
                    : $"'{user.Username}' is the last admin: give ADMIN to someone else first.");
            }
        }

        var before = string.Join(",", user.Roles);
        if (user.AssignRoles(newRoles, clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Roles of {UserId} changed from {OldRoles} to {Roles} by {AdminId}",
                user.Id, before, string.Join(",", user.Roles), admin.UserId);
        }

        return user;
    }

    private static NocodeException UsernameTaken(string username) =>
        NocodeException.Validation("username", $"The username '{username}' is taken; choose another.");
}
