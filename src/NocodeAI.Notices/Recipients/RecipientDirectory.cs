using Microsoft.Extensions.Options;

namespace NocodeAI.Notices.Recipients;

/// <summary>Who gets notices and how to reach them on SwingChat, without calling the access service.</summary>
public interface IRecipientDirectory
{
    IReadOnlyList<string> Approvers { get; }

    /// <summary>The user's SwingChat id, or null when they have none.</summary>
    string? MessengerIdOf(string userName);
}

/// <summary>The directory from configuration (<see cref="RecipientsOptions"/>); reloads with it.</summary>
public sealed class ConfiguredRecipientDirectory(IOptionsMonitor<RecipientsOptions> options) : IRecipientDirectory
{
    public IReadOnlyList<string> Approvers =>
        options.CurrentValue.Approvers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList();

    public string? MessengerIdOf(string userName) =>
        options.CurrentValue.MessengerIds.TryGetValue(userName, out var id) && !string.IsNullOrWhiteSpace(id) ? id.Trim() : null;
}
