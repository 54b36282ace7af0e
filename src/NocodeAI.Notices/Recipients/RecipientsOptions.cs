namespace NocodeAI.Notices.Recipients;

/// <summary>
/// Configuration section <c>Recipients</c>: who approves and where each user's SwingChat messages go.
/// Access publishes no user events yet, so this service cannot keep a replica of its users; until it
/// does (UserRegistered / UserRolesChanged from access), the directory is configuration. Keys are user
/// names, e.g. <c>Recipients__MessengerIds__analyst=swingchat:analyst</c>, <c>Recipients__Approvers__0=approver</c>.
/// </summary>
public sealed class RecipientsOptions
{
    /// <summary>User names of everyone with the APPROVER role: they are told when a request waits for approval.</summary>
    public List<string> Approvers { get; set; } = [];

    /// <summary>User name → SwingChat id. A user without one gets notices in the app only (SKIPPED).</summary>
    public Dictionary<string, string> MessengerIds { get; set; } = new(StringComparer.Ordinal);
}
