namespace NocodeAI.Access.Users;

public static class UserQueries
{
    public static void AddUserQueries(this ObjectGraphType query)
    {
        query.Field<UserType>("me")
            .Description("The signed-in user, or null without a token.")
            .ResolveAsync(async context =>
            {
                var caller = context.GetCaller();
                return caller.IsAuthenticated
                    ? await context.RequestServices!.GetRequiredService<UserAdministration>().FindAsync(caller.UserId, context.CancellationToken)
                    : null;
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserType>>>>("users")
            .Description("Every user, by username. ADMIN only.")
            .ResolveAsync(async context =>
            {
                context.GetCaller().RequireRole(Role.ADMIN, "list users");
                return await context.RequestServices!.GetRequiredService<UserAdministration>().ListAsync(context.CancellationToken);
            });
    }
}
