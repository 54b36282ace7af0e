using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Auth;
using NocodeAI.Access.Users;
using NocodeAI.ServiceDefaults.Database;
using Npgsql;

namespace NocodeAI.Access.Infrastructure;

public sealed record DevelopmentUser(string Username, string DisplayName, string Password, Role[] Roles, string MessengerId);

/// <summary>
/// The development users of SPEC §4. Runs only in Development; adds those that are missing and
/// leaves existing ones alone (an admin may have changed their roles), so every start is idempotent.
/// Their passwords are public, which is why <see cref="Authenticator"/> refuses them elsewhere.
/// </summary>
public sealed class DevelopmentUsersSeeder(
    IHostEnvironment environment,
    PasswordHasher hasher,
    TimeProvider clock,
    ILogger<DevelopmentUsersSeeder> logger) : IDatabaseSeeder<AccessDbContext>
{
    public static readonly IReadOnlyList<DevelopmentUser> Users =
    [
        new("admin", "Admin", "nocode-admin", [Role.ADMIN, Role.APPROVER, Role.USER], "swingchat:admin"),
        new("approver", "Approver", "nocode-approver", [Role.APPROVER, Role.USER], "swingchat:approver"),
        new("analyst", "Analyst", "nocode-analyst", [Role.USER], "swingchat:analyst"),
        new("analyst2", "Analyst 2", "nocode-analyst2", [Role.USER], "swingchat:analyst2"),
    ];

    public async Task SeedAsync(AccessDbContext db, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        var usernames = Users.Select(u => u.Username).ToList();
        var existing = await db.Users.Where(u => usernames.Contains(u.Username)).Select(u => u.Username).ToListAsync(cancellationToken);
        var missing = Users.Where(u => !existing.Contains(u.Username)).ToList();
        if (missing.Count == 0)
        {
            logger.LogInformation("Development users are present");
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var user in missing)
        {
            db.Users.Add(User.Create(Guid.CreateVersion7(), user.Username, user.DisplayName, hasher.Hash(user.Password), user.Roles, user.MessengerId, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded development users: {Usernames}", string.Join(", ", missing.Select(u => u.Username)));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another replica seeded them at the same moment.
            logger.LogInformation("Development users were seeded concurrently by another instance");
        }
    }
}
