using System.ComponentModel.DataAnnotations;

namespace NocodeAI.Warehouse;

/// <summary>How the warehouse is reached (configuration section "Warehouse").</summary>
public sealed class WarehouseOptions
{
    /// <summary>
    /// ADO.NET provider invariant name looked up in <see cref="DbProviderFactories"/>: "Npgsql" for the
    /// local Postgres stand-in; Vertica's provider once it is registered under its own name.
    /// </summary>
    [Required]
    public string ProviderInvariantName { get; set; } = WarehouseConnectionFactory.NpgsqlInvariantName;

    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Rows per keyset page; bounds the memory a reader holds at once.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 5000;
}
