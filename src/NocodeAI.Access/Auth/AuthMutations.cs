namespace NocodeAI.Access.Auth;

public static class AuthMutations
{
    public static void AddAuthMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AuthPayloadType>>("login")
            .Description($"Signs in and returns a bearer token. A wrong username or password answers UNAUTHENTICATED: \"{Authenticator.InvalidCredentialsMessage}\"")
            .Argument<NonNullGraphType<StringGraphType>>("username")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .ResolveAsync(async context => await context.RequestServices!.GetRequiredService<Authenticator>().LoginAsync(
                context.GetArgument<string>("username"), context.GetArgument<string>("password"), context.CancellationToken));
    }
}
