namespace NocodeAI.Warehouse;

/// <summary>The datasets the warehouse offers for training and scoring (tables catalog_datasets and catalog_columns).</summary>
public interface IWarehouseCatalog
{
    Task<IReadOnlyList<Dataset>> GetDatasetsAsync(CancellationToken cancellationToken = default);

    async Task<Dataset?> FindDatasetAsync(string name, CancellationToken cancellationToken = default) =>
        (await GetDatasetsAsync(cancellationToken)).FirstOrDefault(d => d.Name == name);
}
