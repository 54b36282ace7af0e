using Npgsql;

namespace NocodeAI.Warehouse;

/// <summary>
/// Opens warehouse connections through <see cref="DbProviderFactories"/> only, so the Vertica provider
/// replaces Npgsql by configuration (<see cref="WarehouseOptions.ProviderInvariantName"/>) without code changes.
/// </summary>
public sealed class WarehouseConnectionFactory
{
    public const string NpgsqlInvariantName = "Npgsql";

    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;

    public WarehouseConnectionFactory(WarehouseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RegisterKnownProviders();
        _factory = DbProviderFactories.GetFactory(options.ProviderInvariantName);
        _connectionString = options.ConnectionString;
    }

    /// <summary>Registers the providers this build ships (Npgsql); idempotent.</summary>
    public static void RegisterKnownProviders()
    {
        if (!DbProviderFactories.TryGetFactory(NpgsqlInvariantName, out _))
        {
            DbProviderFactories.RegisterFactory(NpgsqlInvariantName, NpgsqlFactory.Instance);
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _factory.CreateConnection()
            ?? throw new InvalidOperationException($"The ADO.NET provider {_factory.GetType().Name} creates no connections.");
        connection.ConnectionString = _connectionString;
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
