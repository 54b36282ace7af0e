namespace NocodeAI.Access.Menus;

/// <summary>An entry of the web app's navigation: <see cref="Key"/> is stable, <see cref="Title"/> is localised.</summary>
public sealed record Menu(string Key, string Title, string Path);
