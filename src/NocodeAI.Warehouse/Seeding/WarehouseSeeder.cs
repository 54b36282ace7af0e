using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace NocodeAI.Warehouse.Seeding;

public sealed record SeedResult(bool Skipped, long Rows, string SeedVersion, TimeSpan Elapsed);

/// <summary>
/// Fills the local warehouse stand-in (Postgres) with <see cref="SyntheticCustomers"/> and its catalogue.
/// Idempotent: when the catalogue already records this seed version and row count, nothing is done;
/// otherwise the table is rebuilt in one transaction, so readers see the old rows or the new, never half.
/// Postgres-specific on purpose (binary COPY); reading goes through <see cref="WarehouseReader"/> only.
/// </summary>
public sealed class WarehouseSeeder(string connectionString)
{
    private const string CatalogDdl = """
        CREATE TABLE IF NOT EXISTS catalog_datasets (
            name text PRIMARY KEY,
            description text NOT NULL,
            source_table text NOT NULL,
            row_count bigint NOT NULL,
            seed_version text NOT NULL);
        CREATE TABLE IF NOT EXISTS catalog_columns (
            dataset text NOT NULL REFERENCES catalog_datasets (name) ON DELETE CASCADE,
            name text NOT NULL,
            type text NOT NULL CHECK (type IN ('NUMERIC', 'CATEGORICAL', 'BOOLEAN')),
            is_label boolean NOT NULL,
            ordinal integer NOT NULL,
            description text NOT NULL,
            PRIMARY KEY (dataset, name));
        """;

    private const string CustomersDdl = """
        DROP TABLE IF EXISTS customers;
        CREATE TABLE customers (
            customer_id bigint NOT NULL,
            age integer NOT NULL,
            tenure_months integer NOT NULL,
            monthly_charges double precision NOT NULL,
            total_charges double precision NOT NULL,
            data_usage_gb double precision NOT NULL,
            call_minutes double precision NOT NULL,
            dropped_calls integer NOT NULL,
            support_calls integer NOT NULL,
            device_age_months integer NOT NULL,
            contract_type text NOT NULL,
            payment_method text NOT NULL,
            plan_tier text NOT NULL,
            region text NOT NULL,
            has_family_plan boolean NOT NULL,
            is_5g boolean NOT NULL,
            churned boolean NOT NULL,
            responded boolean NOT NULL);
        """;

    // Serializes concurrent seeders (two `./nocode up` at once) on the same database.
    private const long SeedLockKey = 0x4E4F434F44455345;

    public static string SeedVersionOf(int seed) => $"{SyntheticCustomers.GeneratorVersion}/seed-{seed.ToString(CultureInfo.InvariantCulture)}";

    public async Task<SeedResult> SeedAsync(long rows = SyntheticCustomers.DefaultRows, int seed = SyntheticCustomers.DefaultSeed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var stopwatch = Stopwatch.StartNew();
        var version = SeedVersionOf(seed);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", SeedLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, CatalogDdl, cancellationToken);
        if (await IsCurrentAsync(connection, transaction, rows, version, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return new SeedResult(Skipped: true, rows, version, stopwatch.Elapsed);
        }

        await ExecuteAsync(connection, transaction, CustomersDdl, cancellationToken);
        await CopyCustomersAsync(connection, rows, seed, cancellationToken);
        // The key is added after the load: building the index once is much faster than maintaining it row by row.
        await ExecuteAsync(connection, transaction, "ALTER TABLE customers ADD PRIMARY KEY (customer_id)", cancellationToken);
        await WriteCatalogAsync(connection, transaction, rows, version, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ExecuteAsync(connection, null, "ANALYZE customers", cancellationToken);

        return new SeedResult(Skipped: false, rows, version, stopwatch.Elapsed);
    }

    private static async Task<bool> IsCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long rows, string version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT to_regclass('customers') IS NOT NULL
               AND (SELECT count(*) FROM catalog_datasets
                    WHERE name = ANY(@names) AND seed_version = @version AND row_count = @rows AND source_table = 'customers') = @expected
            """,
            connection,
            transaction);
        string[] names = [SyntheticCustomers.ChurnDataset, SyntheticCustomers.ResponseDataset];
        command.Parameters.AddWithValue("names", names);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("rows", rows);
        command.Parameters.AddWithValue("expected", (long)names.Length);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task CopyCustomersAsync(NpgsqlConnection connection, long rows, int seed, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY customers (customer_id, age, tenure_months, monthly_charges, total_charges, data_usage_gb, call_minutes, " +
            "dropped_calls, support_calls, device_age_months, contract_type, payment_method, plan_tier, region, " +
            "has_family_plan, is_5g, churned, responded) FROM STDIN (FORMAT BINARY)",
            cancellationToken);

        foreach (var c in SyntheticCustomers.Generate(seed, rows))
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(c.CustomerId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(c.Age, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(c.TenureMonths, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(c.MonthlyCharges, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(c.TotalCharges, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(c.DataUsageGb, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(c.CallMinutes, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(c.DroppedCalls, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(c.SupportCalls, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(c.DeviceAgeMonths, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(c.ContractType, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(c.PaymentMethod, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(c.PlanTier, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(c.Region, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(c.HasFamilyPlan, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(c.Is5g, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(c.Churned, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(c.Responded, NpgsqlDbType.Boolean, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteCatalogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long rows, string version, CancellationToken cancellationToken)
    {
        var datasets = SyntheticCustomers.Datasets(rows);
        await using (var delete = new NpgsqlCommand("DELETE FROM catalog_datasets WHERE name = ANY(@names)", connection, transaction))
        {
            delete.Parameters.AddWithValue("names", datasets.Select(d => d.Name).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            foreach (var dataset in datasets)
            {
                batch.BatchCommands.Add(Command(
                    "INSERT INTO catalog_datasets (name, description, source_table, row_count, seed_version) VALUES ($1, $2, $3, $4, $5)",
                    dataset.Name, dataset.Description, dataset.SourceTable, rows, version));

                var ordinal = 0;
                foreach (var column in SyntheticCustomers.Columns.Where(c => !c.IsLabel || dataset.Labels.Contains(c.Name)))
                {
                    batch.BatchCommands.Add(Command(
                        "INSERT INTO catalog_columns (dataset, name, type, is_label, ordinal, description) VALUES ($1, $2, $3, $4, $5, $6)",
                        dataset.Name, column.Name, column.Type.ToString(), column.IsLabel, ordinal++, column.Description));
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
