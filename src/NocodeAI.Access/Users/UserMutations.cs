using NocodeAI.GraphQL.Identity;

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
            .Description("Replaces a user's roles. ADMIN only; the last admin keeps ADMIN. The user's tokens issued before stop working within seconds (UNAUTHENTICATED, reason revoked): they sign in again for the new roles.")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles")
            .ResolveAsync(async context =>
            {
                var admin = context.GetCaller().RequireRole(Role.ADMIN, "assign roles");
                var before = await context.RequestServices!.GetRequiredService<UserAdministration>().RolesOfAsync(context.GetArgument<string>("userId"), context.CancellationToken);
                var user = await context.RequestServices!.GetRequiredService<UserAdministration>().AssignRolesAsync(
                    context.GetArgument<string>("userId"), context.GetArgument<List<Role>>("roles"), admin, context.CancellationToken);
                if (before is not null && !before.SetEquals(user.Roles))
                {
                    // Old tokens carry the old roles in their claims: they lose them everywhere.
                    await context.RequestServices!.GetRequiredService<TokenRevocations>().RevokeUserTokensAsync(user.Id.ToString());
                }

                return user;
            });

        mutation.Field<NonNullGraphType<UserType>>("setUserDisabled")
            .Description("Disables a user or enables them again (idempotent). ADMIN only. A disabled user cannot sign in, and the tokens they hold stop working everywhere within seconds (UNAUTHENTICATED, reason revoked). An admin cannot disable themselves, nor the last enabled admin (VALIDATION_FAILED on userId).")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<BooleanGraphType>>("disabled")
            .ResolveAsync(async context =>
            {
                var admin = context.GetCaller().RequireRole(Role.ADMIN, "disable or enable users");
                return await context.RequestServices!.GetRequiredService<UserAdministration>().SetDisabledAsync(
                    context.GetArgument<string>("userId"), context.GetArgument<bool>("disabled"), admin, context.CancellationToken);
            });
    }
}
