using Microsoft.EntityFrameworkCore;
using NocodeAI.Access.Infrastructure;
using NocodeAI.Access.Users;
using NocodeAI.GraphQL.Identity;
using NocodeAI.ServiceDefaults;

namespace NocodeAI.Access.Auth;

/// <summary>
/// Checks a username and password and issues a token. Every failure, unknown user or wrong
/// password, costs the same hashing work and answers the same error, so neither the message nor
/// the response time tells which usernames exist. A disabled account says so only after the right
/// password, so the message tells a guesser nothing either. Failures are counted by <see cref="SignInThrottle"/>.
/// </summary>
public sealed class Authenticator(
    IDbContextFactory<AccessDbContext> dbFactory,
    PasswordHasher hasher,
    AccessTokenIssuer tokens,
    SignInThrottle throttle,
    TokenRevocations revocations,
    IHttpContextAccessor http,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<Authenticator> logger)
{
    public const string InvalidCredentialsMessage = "Invalid username or password.";

    public const string AccountDisabledMessage = "This account is disabled; ask an admin to enable it.";

    public async Task<AuthPayload> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var normalized = UserValidator.NormalizeUsername(username);
        password ??= string.Empty;
        var address = ClientAddress();
        try
        {
            await throttle.EnsureAllowedAsync(normalized, address);
        }
        catch (NocodeException)
        {
            // The same hashing work as any attempt: a throttled answer takes as long as a checked one.
            hasher.VerifyDecoy(password);
            logger.LogInformation("Login throttled for an account or address over its failure limit");
            throw;
        }

        try
        {
            var payload = await CheckAsync(normalized, password, cancellationToken);
            await throttle.RecordSuccessAsync(normalized);
            return payload;
        }
        catch (NocodeException ex) when (ex.Code == ErrorCodes.Unauthenticated)
        {
            await throttle.RecordFailureAsync(normalized, address);
            throw;
        }
    }

    /// <summary>
    /// The client's address: the last X-Forwarded-For entry (the one the nearest proxy, our ingress, added:
    /// entries before it are whatever the client sent), else the connection's.
    /// </summary>
    private string? ClientAddress()
    {
        var context = http.HttpContext;
        if (context is null)
        {
            return null;
        }

        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var nearest = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return nearest ?? context.Connection.RemoteIpAddress?.ToString();
    }

    private async Task<AuthPayload> CheckAsync(string normalized, string password, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = UserValidator.IsWellFormedUsername(normalized) && password.Length <= UserValidator.MaxPasswordLength
            ? await db.Users.SingleOrDefaultAsync(u => u.Username == normalized, cancellationToken)
            : null;

        if (user is null)
        {
            hasher.VerifyDecoy(password);
            logger.LogInformation("Login refused for unknown username");
            throw InvalidCredentials();
        }

        var verification = hasher.Verify(password, user.PasswordHash);
        if (verification == PasswordVerification.Failed)
        {
            logger.LogInformation("Login refused for {UserId}: wrong password", user.Id);
            throw InvalidCredentials();
        }

        // The development users' passwords are in this repository: they never open a session
        // anywhere but Development, even if such a user found its way into another database.
        if (!environment.IsDevelopment() && DefaultSecretGuard.DevelopmentSecrets.Contains(password))
        {
            logger.LogWarning("Login refused for {UserId}: a published development password outside Development", user.Id);
            throw InvalidCredentials();
        }

        if (user.Disabled)
        {
            logger.LogInformation("Login refused for {UserId}: the account is disabled", user.Id);
            throw AccountDisabled();
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            await UpgradeHashAsync(db, user, password, cancellationToken);
        }

        var token = tokens.Issue(user);
        logger.LogInformation("User {UserId} signed in with roles {Roles}", user.Id, string.Join(",", user.Roles));
        return new AuthPayload(token.Token, token.ExpiresAt, user);
    }

    /// <summary>
    /// The signed-in user replaces their password, proving the current one (a failure counts toward the
    /// sign-in throttle like any wrong password). Tokens issued before stop working everywhere.
    /// </summary>
    public async Task ChangePasswordAsync(Caller caller, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        caller.RequireAuthenticated();
        UserValidator.ValidatePassword(newPassword, allowDevelopmentSecrets: false);
        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            throw NocodeException.Validation("newPassword", "The new password must differ from the current one.");
        }

        await throttle.EnsureAllowedAsync(caller.UserName, ClientAddress());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Username == caller.UserName, cancellationToken)
            ?? throw InvalidCredentials();
        if (user.Disabled)
        {
            // Their tokens are revoked; this one may still be in a replica's revocation cache for a moment.
            throw AccountDisabled();
        }

        if (hasher.Verify(currentPassword ?? string.Empty, user.PasswordHash) == PasswordVerification.Failed)
        {
            await throttle.RecordFailureAsync(caller.UserName, ClientAddress());
            throw NocodeException.Validation("currentPassword", "The current password is not right.");
        }

        user.ChangePassword(hasher.Hash(newPassword), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await revocations.RevokeUserTokensAsync(user.Id.ToString());
        logger.LogInformation("User {UserId} changed their password; older tokens are revoked", user.Id);
    }

    public static NocodeException InvalidCredentials() => new(ErrorCodes.Unauthenticated, InvalidCredentialsMessage);

    public static NocodeException AccountDisabled() =>
        new(ErrorCodes.Unauthenticated, AccountDisabledMessage, new Dictionary<string, object?> { ["reason"] = "disabled" });

    private async Task UpgradeHashAsync(AccessDbContext db, User user, string password, CancellationToken cancellationToken)
    {
        user.UpgradePasswordHash(hasher.Hash(password), clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Upgraded the password hash of {UserId} to {Iterations} iterations", user.Id, hasher.Iterations);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed the user meanwhile; the old hash still works and is upgraded next time.
            logger.LogInformation("Skipped upgrading the password hash of {UserId}: the user changed meanwhile", user.Id);
        }
    }
}
