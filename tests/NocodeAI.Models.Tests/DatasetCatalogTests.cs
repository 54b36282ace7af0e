using Microsoft.Extensions.Logging.Abstractions;
using NocodeAI.Models.Datasets;
using NocodeAI.ServiceDefaults.Errors;
using NocodeAI.Warehouse;

namespace NocodeAI.Models.Tests;

/// <summary>The cached warehouse catalogue while the warehouse (PostgreSQL here) restarts.</summary>
public sealed class DatasetCatalogTests
{
    private static readonly Dataset Churn = new("telco_churn", "churn", 100, [], ["churned"]);

    [Fact]
    public async Task An_unreachable_warehouse_serves_the_last_catalogue_read()
    {
        var warehouse = new FlakyWarehouse();
        var clock = new MovableClock();
        using var catalog = new DatasetCatalog(warehouse, clock, NullLogger<DatasetCatalog>.Instance);
        Assert.Equal([Churn], await catalog.GetDatasetsAsync(CancellationToken.None));

        warehouse.Down = true;
        clock.Now += TimeSpan.FromMinutes(5);

        Assert.Equal([Churn], await catalog.GetDatasetsAsync(CancellationToken.None));
        Assert.True(warehouse.Calls >= 3, "the expired catalogue was read again before the stale one was used");
    }

    [Fact]
    public async Task With_no_catalogue_yet_an_unreachable_warehouse_is_SERVICE_UNAVAILABLE()
    {
        using var catalog = new DatasetCatalog(new FlakyWarehouse { Down = true }, new MovableClock(), NullLogger<DatasetCatalog>.Instance);

        var error = await Assert.ThrowsAsync<NocodeException>(() => catalog.GetDatasetsAsync(CancellationToken.None));

        Assert.Equal(ErrorCodes.ServiceUnavailable, error.Code);
        Assert.Equal("warehouse", error.Details["dependency"]);
    }

    private sealed class FlakyWarehouse : IWarehouseCatalog
    {
        public bool Down { get; set; }

        public int Calls { get; private set; }

        public Task<IReadOnlyList<Dataset>> GetDatasetsAsync(CancellationToken cancellationToken = default)
        {
            Calls++;
            return Down ? throw new InvalidOperationException("connection refused") : Task.FromResult<IReadOnlyList<Dataset>>([Churn]);
        }
    }

    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
