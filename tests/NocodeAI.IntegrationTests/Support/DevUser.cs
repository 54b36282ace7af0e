namespace NocodeAI.IntegrationTests.Support;

/// <summary>The development users the access service seeds in Development (SPEC §4).</summary>
public sealed record DevUser(string UserName, string Password)
{
    public static readonly DevUser Admin = new("admin", "nocode-admin");
    public static readonly DevUser Approver = new("approver", "nocode-approver");
    public static readonly DevUser Analyst = new("analyst", "nocode-analyst");
    public static readonly DevUser Analyst2 = new("analyst2", "nocode-analyst2");

    public override string ToString() => UserName;
}
