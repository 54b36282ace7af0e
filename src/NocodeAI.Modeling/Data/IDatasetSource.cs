namespace NocodeAI.Modeling;

/// <summary>
/// Where training rows and scoring populations come from: the warehouse in production
/// (<see cref="WarehouseDatasetSource"/>), rows in memory in tests.
/// </summary>
public interface IDatasetSource
{
    Task<Dataset?> FindDatasetAsync(string datasetName, CancellationToken cancellationToken);

    /// <summary>Rows in the dataset, for progress; an estimate is fine.</summary>
    Task<long> CountAsync(string datasetName, CancellationToken cancellationToken);

    /// <summary>The rows in batches: features in the order asked, and the label unless it is null (a scoring population).</summary>
    IAsyncEnumerable<WarehouseBatch> ReadAsync(string datasetName, IReadOnlyList<string> features, string? label, int? batchSize, CancellationToken cancellationToken);
}

public sealed class WarehouseDatasetSource(IWarehouseCatalog catalog, WarehouseReader reader) : IDatasetSource
{
    public Task<Dataset?> FindDatasetAsync(string datasetName, CancellationToken cancellationToken) =>
        catalog.FindDatasetAsync(datasetName, cancellationToken);

    public Task<long> CountAsync(string datasetName, CancellationToken cancellationToken) =>
        reader.CountAsync(datasetName, cancellationToken);

    public IAsyncEnumerable<WarehouseBatch> ReadAsync(string datasetName, IReadOnlyList<string> features, string? label, int? batchSize, CancellationToken cancellationToken) =>
        reader.ReadAsync(datasetName, features, label, batchSize, cancellationToken);
}
