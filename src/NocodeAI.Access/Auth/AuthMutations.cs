using Microsoft.IdentityModel.JsonWebTokens;
using NocodeAI.GraphQL.Identity;

namespace NocodeAI.Access.Auth;

public static class AuthMutations
{
    public static void AddAuthMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AuthPayloadType>>("login")
            .Description($"Signs in and returns a bearer token. A wrong username or password answers UNAUTHENTICATED: \"{Authenticator.InvalidCredentialsMessage}\" The right password of a disabled account answers UNAUTHENTICATED with reason disabled.")
            .Argument<NonNullGraphType<StringGraphType>>("username")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .ResolveAsync(async context => await context.RequestServices!.GetRequiredService<Authenticator>().LoginAsync(
                context.GetArgument<string>("username"), context.GetArgument<string>("password"), context.CancellationToken));

        mutation.Field<NonNullGraphType<BooleanGraphType>>("changePassword")
            .Description("The signed-in user's new password (8–128 characters), given the current one. Every token issued before, this one included, stops working within seconds: sign in again. A wrong current password is VALIDATION_FAILED on currentPassword and counts toward the sign-in throttle.")
            .Argument<NonNullGraphType<StringGraphType>>("currentPassword")
            .Argument<NonNullGraphType<StringGraphType>>("newPassword")
            .ResolveAsync(async context =>
            {
                await context.RequestServices!.GetRequiredService<Authenticator>().ChangePasswordAsync(
                    context.RequireCaller(), context.GetArgument<string>("currentPassword"), context.GetArgument<string>("newPassword"), context.CancellationToken);
                return true;
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("logout")
            .Description("Signs out: the token this is called with stops working in every service within seconds. UNAUTHENTICATED without a token.")
            .ResolveAsync(async context =>
            {
                context.RequireCaller();
                var principal = context.User!;
                var jti = principal.FindFirst(JwtRegisteredClaimNames.Jti)?.Value
                    ?? throw NocodeException.Validation("token", "This token has no id (jti) to sign out.");
                var expires = long.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Exp)?.Value, out var exp)
                    ? DateTimeOffset.FromUnixTimeSeconds(exp)
                    : DateTimeOffset.UtcNow.AddDays(1);
                await context.RequestServices!.GetRequiredService<TokenRevocations>().RevokeTokenAsync(jti, expires);
                return true;
            });
    }
}
