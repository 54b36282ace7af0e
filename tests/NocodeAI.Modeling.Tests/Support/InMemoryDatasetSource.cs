using System.Runtime.CompilerServices;

namespace NocodeAI.Modeling.Tests.Support;

/// <summary>Generated customers served the way the warehouse reader serves them: validated columns, batches by customer_id.</summary>
internal sealed class InMemoryDatasetSource(IReadOnlyList<SyntheticCustomer> customers, int defaultBatchSize = 1000) : IDatasetSource
{
    private readonly IReadOnlyList<Dataset> _datasets = SyntheticCustomers.Datasets(customers.Count);

    /// <summary>Called after each batch has been handed out, with the number of batches so far.</summary>
    public Action<int>? AfterBatch { get; init; }

    public int BatchesRead { get; private set; }

    public static InMemoryDatasetSource Generated(int rows, int batchSize = 1000) =>
        new(SyntheticCustomers.Generate(SyntheticCustomers.DefaultSeed, rows).ToList(), batchSize);

    public Task<Dataset?> FindDatasetAsync(string datasetName, CancellationToken cancellationToken) =>
        Task.FromResult(_datasets.FirstOrDefault(d => d.Name == datasetName));

    public Task<long> CountAsync(string datasetName, CancellationToken cancellationToken) => Task.FromResult((long)customers.Count);

    public async IAsyncEnumerable<WarehouseBatch> ReadAsync(
        string datasetName, IReadOnlyList<string> features, string? label, int? batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var dataset = _datasets.Single(d => d.Name == datasetName);
        var columns = features.Select(f => dataset.FindColumn(f) ?? throw new ArgumentException($"no column {f}")).ToList();
        Assert.True(label is null || dataset.Labels.Contains(label));
        var size = batchSize ?? defaultBatchSize;
        for (var start = 0; start < customers.Count; start += size)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            var chunk = customers.Skip(start).Take(size).ToList();
            yield return SyntheticCustomers.ToBatch(chunk, columns, label);
            BatchesRead++;
            AfterBatch?.Invoke(BatchesRead);
        }
    }
}
