using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Auth;
using NocodeAI.Access.Infrastructure;
using Npgsql;
using RedisException = StackExchange.Redis.RedisException;
using RedisTimeoutException = StackExchange.Redis.RedisTimeoutException;

namespace NocodeAI.Access.Users;

/// <summary>
/// What admins do with users. Each call opens its own DbContext: GraphQL resolves sibling query
/// fields in parallel, and one DbContext must never serve two queries at once.
/// </summary>
public sealed class UserAdministration(
    IDbContextFactory<AccessDbContext> dbFactory,
    PasswordHasher hasher,
    TokenRevocations revocations,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    /// <summary>
    /// Serialises the changes that take an enabled admin away (removing ADMIN, disabling an admin), so two of
    /// them cannot together leave no admin who can sign in.
    /// </summary>
    private const long AdminRemovalLockKey = 0x6E6F_636F_6465_0001;

    /// <summary>
    /// How long after a disable a token issued for the user is still refused: a sign-in that read the account
    /// just before it was disabled issues its token a moment later (hashing takes a while), and token times
    /// are whole seconds. Nobody can sign in as a disabled user, so refusing longer costs nothing; enabling
    /// the user again ends it at once.
    /// </summary>
    private static readonly TimeSpan SignInsInFlight = TimeSpan.FromMinutes(1);

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
            // A disabled admin cannot sign in: only enabled ones count.
            if (await OtherEnabledAdminsAsync(db, id, cancellationToken) == 0)
            {
                throw NocodeException.Validation("roles", string.Equals(admin.UserId, user.Id.ToString(), StringComparison.OrdinalIgnoreCase)
                    ? "You are the last admin: give ADMIN to someone else before removing it from yourself."
                    : $"'{user.Username}' is the last enabled admin: give ADMIN to someone else first.");
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

    /// <summary>
    /// Disables a user (they cannot sign in, and every token they hold stops working in every service within
    /// seconds) or enables them again; both are idempotent. An admin cannot disable themselves, and the last
    /// enabled admin stays enabled, under the same lock as the last-admin rule of <see cref="AssignRolesAsync"/>.
    /// </summary>
    public async Task<User> SetDisabledAsync(string userId, bool disabled, Caller admin, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            throw NocodeException.NotFound("User", userId);
        }

        if (disabled && Guid.TryParse(admin.UserId, out var adminId) && adminId == id)
        {
            throw NocodeException.Validation("userId", "You cannot disable yourself; another admin can.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw NocodeException.NotFound("User", userId);

        if (disabled && !user.Disabled && user.IsInRole(Role.ADMIN))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdminRemovalLockKey})", cancellationToken);
            if (await OtherEnabledAdminsAsync(db, id, cancellationToken) == 0)
            {
                throw NocodeException.Validation("userId", $"'{user.Username}' is the last enabled admin: give ADMIN to someone else first.");
            }
        }

        var now = clock.GetUtcNow();
        var changed = disabled ? user.Disable(now.UtcDateTime) : user.Enable(now.UtcDateTime);
        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (disabled)
            {
                logger.LogInformation("User {UserId} ({Username}) disabled by {AdminId}", user.Id, user.Username, admin.UserId);
            }
            else
            {
                logger.LogInformation("User {UserId} ({Username}) enabled by {AdminId}", user.Id, user.Username, admin.UserId);
            }
        }

        if (disabled)
        {
            // Also when the user was disabled already: repeating the call finishes a revocation that Redis missed.
            await EndSignInsAsync(user, now + SignInsInFlight);
        }
        else if (changed)
        {
            await AllowSignInsAsync(user, now);
        }

        return user;
    }

    private async Task EndSignInsAsync(User user, DateTimeOffset refuseIssuedBefore)
    {
        try
        {
            await revocations.RefuseUserTokensIssuedBeforeAsync(user.Id.ToString(), refuseIssuedBefore);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("User {UserId} is disabled but their tokens could not be revoked: {Error}", user.Id, ex.Message);
            throw new NocodeException(ErrorCodes.ServiceUnavailable,
                $"'{user.Username}' is disabled and cannot sign in, but the sign-ins they hold could not be ended yet; disable them again shortly.");
        }
    }

    /// <summary>Replaces the disable's refusal, which reaches into the future, so the user can sign in at once.</summary>
    private async Task AllowSignInsAsync(User user, DateTimeOffset now)
    {
        try
        {
            await revocations.RefuseUserTokensIssuedBeforeAsync(user.Id.ToString(), now);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // While Redis is unreachable no token is refused anyway; the disable's refusal ends within a minute.
            logger.LogWarning("User {UserId} is enabled but the disable's token refusal could not be lifted: {Error}", user.Id, ex.Message);
        }
    }

    private static Task<int> OtherEnabledAdminsAsync(AccessDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.Id != userId && !u.Disabled && u.Roles.Contains(Role.ADMIN), cancellationToken);

    private static NocodeException UsernameTaken(string username) =>
        NocodeException.Validation("username", $"The username '{username}' is taken; choose another.");
}
