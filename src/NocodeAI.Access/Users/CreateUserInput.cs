namespace NocodeAI.Access.Users;

public sealed record CreateUserInput(
    string Username,
    string DisplayName,
    string Password,
    IReadOnlyList<Role>? Roles,
    string? MessengerId);

public sealed class CreateUserInputType : InputObjectGraphType<CreateUserInput>
{
    public CreateUserInputType()
    {
        Name = "CreateUserInput";
        Field(x => x.Username).Description(
            $"{UserValidator.MinUsernameLength}–{UserValidator.MaxUsernameLength} characters of a–z, 0–9, '.', '_' and '-'; " +
            "stored in lower case and unique regardless of case.");
        Field(x => x.DisplayName).Description($"1–{UserValidator.MaxDisplayNameLength} characters.");
        Field(x => x.Password).Description(
            $"{UserValidator.MinPasswordLength}–{UserValidator.MaxPasswordLength} characters; stored only as a salted PBKDF2 hash.");
        Field(x => x.Roles, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>))
            .DefaultValue(new[] { Role.USER })
            .Description("At least one role; USER when omitted.");
        Field(x => x.MessengerId, nullable: true).Description(
            $"SwingChat id for notices (at most {UserValidator.MaxMessengerIdLength} characters).");
    }
}
