using NocodeAI.Access.Users;

namespace NocodeAI.Access.Auth;

public sealed record AuthPayload(string Token, DateTime ExpiresAt, User User);

public sealed class AuthPayloadType : ObjectGraphType<AuthPayload>
{
    public AuthPayloadType()
    {
        Name = "AuthPayload";
        Description = "A signed-in session: send the token as 'Authorization: Bearer <token>'.";
        Field(x => x.Token).Description("RS256 JWT with the user's id (sub), username (name) and roles (role).");
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Description("When the token stops being accepted (UTC).")
            .Resolve(context => context.Source.ExpiresAt);
        Field<NonNullGraphType<UserType>>("user").Resolve(context => context.Source.User);
    }
}
