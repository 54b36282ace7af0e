using System.ComponentModel.DataAnnotations;

namespace NocodeAI.ServiceDefaults.Database;

/// <summary>What the service does with its database at start (section "Database").</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending EF migrations before serving; turn off when a deployment job migrates instead.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>How long start-up waits for PostgreSQL to accept connections (it may start alongside us).</summary>
    [Range(0, 600)]
    public int StartupTimeoutSeconds { get; set; } = 60;
}
