using NocodeAI.Warehouse;

namespace NocodeAI.Models.Datasets;

/// <summary>
/// The warehouse catalogue as the models service sees it, cached briefly: the request form and every
/// requestModel validation read it, and it changes only when the warehouse is reseeded. While the
/// warehouse cannot be reached the last catalogue read is used (it is all but static); with none yet,
/// the answer is SERVICE_UNAVAILABLE, the code every "briefly unreachable, retry" failure has.
/// </summary>
public sealed class DatasetCatalog(IWarehouseCatalog warehouse, TimeProvider clock, ILogger<DatasetCatalog> logger) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<Dataset> Datasets, DateTimeOffset At)? _cached;

    public void Dispose() => _refresh.Dispose();

    public async Task<IReadOnlyList<Dataset>> GetDatasetsAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && clock.GetUtcNow() - hit.At < Lifetime)
        {
            return hit.Datasets;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() - again.At < Lifetime)
            {
                return again.Datasets;
            }

            IReadOnlyList<Dataset> datasets;
            try
            {
                datasets = await warehouse.GetDatasetsAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // After a warehouse restart the first pooled connection is a dead one; the provider drops
                // it on that failure, so one more try on a fresh connection tells an outage from a restart.
                try
                {
                    datasets = await warehouse.GetDatasetsAsync(cancellationToken);
                }
                catch (Exception retried) when (retried is not OperationCanceledException)
                {
                    if (_cached is { } stale)
                    {
                        logger.LogWarning("Warehouse unreachable, using the catalogue read at {ReadAt}: {Error}", stale.At, retried.Message);
                        return stale.Datasets;
                    }

                    throw new NocodeException(ErrorCodes.ServiceUnavailable, "The data warehouse cannot be reached right now; try again shortly.",
                        new Dictionary<string, object?> { ["dependency"] = "warehouse" });
                }
            }

            _cached = (datasets, clock.GetUtcNow());
            return datasets;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
