namespace NocodeAI.Access.Menus;

/// <summary>
/// The menus each role opens (SPEC §2.1 and §4): USER gets dashboard, models, targets and notices,
/// APPROVER approvals, ADMIN users. Several roles see the union, always in one order, so the
/// navigation does not jump around when a role is added.
/// </summary>
public static class MenuCatalog
{
    /// <summary>Titles are Korean unless the locale asks for English ("en", "en-US", ...).</summary>
    public const string DefaultLocale = "ko";

    private static readonly MenuEntry[] Entries =
    [
        new("dashboard", Role.USER, "대시보드", "Dashboard"),
        new("models", Role.USER, "모델 요청", "Model requests"),
        new("targets", Role.USER, "타겟 추출", "Target extraction"),
        new("approvals", Role.APPROVER, "승인 관리", "Approvals"),
        new("notices", Role.USER, "알림", "Notices"),
        new("users", Role.ADMIN, "사용자 관리", "Users"),
    ];

    public static IReadOnlyList<string> Keys { get; } = Entries.Select(e => e.Key).ToArray();

    public static IReadOnlyList<Menu> For(IEnumerable<Role> roles, string? locale = DefaultLocale)
    {
        var held = roles.ToHashSet();
        var english = IsEnglish(locale);
        return Entries
            .Where(e => held.Contains(e.Role))
            .Select(e => new Menu(e.Key, english ? e.English : e.Korean, "/" + e.Key))
            .ToList();
    }

    public static bool IsEnglish(string? locale) =>
        locale is not null && (locale.Equals("en", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en-", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("en_", StringComparison.OrdinalIgnoreCase));

    private sealed record MenuEntry(string Key, Role Role, string Korean, string English);
}
