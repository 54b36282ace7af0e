namespace NocodeAI.Access.Users;

public static class UserMutations
{
    public static void AddUserMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UserType>>("createUser")
            .Description("Creates a user. ADMIN only; VALIDATION_FAILED names the offending field (a taken username is field 'username').")
            .Argument<NonNullGraphType<CreateUserInputType>>("input")
            .ResolveAsync(async context =>
            {
                var admin = context.GetCaller().RequireRole(Role.ADMIN, "create users");
                return await context.RequestServices!.GetRequiredService<UserAdministration>()
                    .CreateAsync(context.GetArgument<CreateUserInput>("input"), admin, context.CancellationToken);
            });

        mutation.Field<NonNullGraphType<UserType>>("assignRoles")
            .Description("Replaces a user's roles. ADMIN only; the last admin keeps ADMIN. Tokens issued before carry the old roles until they expire.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles")
            .ResolveAsync(async context =>
            {
                var admin = context.GetCaller().RequireRole(Role.ADMIN, "assign roles");
                return await context.RequestServices!.GetRequiredService<UserAdministration>().AssignRolesAsync(
                    context.GetArgument<string>("userId"), context.GetArgument<List<Role>>("roles"), admin, context.CancellationToken);
            });
    }
}
