namespace NocodeAI.ServiceDefaults.Identity;

/// <summary>The roles of SPEC §4. Names are part of the GraphQL contract and of issued tokens.</summary>
public enum Role
{
    USER,
    APPROVER,
    ADMIN,
}
