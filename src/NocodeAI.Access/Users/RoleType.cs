namespace NocodeAI.Access.Users;

public sealed class RoleType : EnumerationGraphType<Role>
{
    public RoleType()
    {
        Name = "Role";
        Description = "What a user may do; a user holds one or more roles and sees the union of their menus.";
        Describe(Role.USER, "An analyst: requests models and target extractions.");
        Describe(Role.APPROVER, "Approves or rejects model and target requests.");
        Describe(Role.ADMIN, "Manages users and their roles.");
    }

    private void Describe(Role role, string description)
    {
        var value = Values[role.ToString()] ?? throw new InvalidOperationException($"Role {role} is not part of the enum type.");
        value.Description = description;
    }
}
