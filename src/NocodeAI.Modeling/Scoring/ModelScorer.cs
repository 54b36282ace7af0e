namespace NocodeAI.Modeling;

/// <summary>One customer's score: the model's probability that the label is true.</summary>
public readonly record struct CustomerScore(long CustomerId, float Score);

/// <summary>
/// Scores a population with a stored model one batch at a time, so memory stays bounded by a batch
/// whatever the population size. Scores come in the population's order (customer_id ascending from the warehouse).
/// </summary>
public sealed class ModelScorer(ModelArtifactStore store, IDatasetSource source)
{
    /// <summary>Loads the request's model and scores every customer of the dataset it was trained on.</summary>
    public async IAsyncEnumerable<CustomerScore> ScoreAsync(Guid modelRequestId, int? batchSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = store.Load(modelRequestId);
        var features = model.Manifest.Features.Select(f => f.Name).ToList();
        var population = source.ReadAsync(model.Manifest.Dataset, features, label: null, batchSize, cancellationToken);
        await foreach (var score in ScoreAsync(model, population, cancellationToken))
        {
            yield return score;
        }
    }

    public static async IAsyncEnumerable<CustomerScore> ScoreAsync(TrainedModel model, IAsyncEnumerable<WarehouseBatch> population, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(population);
        await foreach (var batch in population.WithCancellation(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var score in Score(model, batch))
            {
                yield return score;
            }
        }
    }

    public static CustomerScore[] Score(TrainedModel model, WarehouseBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        if (!batch.Columns.SequenceEqual(model.Manifest.Features))
        {
            throw new ArgumentException(
                $"The model reads {string.Join(", ", model.Manifest.Features.Select(f => $"{f.Name}:{f.Type}"))}; the batch has {string.Join(", ", batch.Columns.Select(f => $"{f.Name}:{f.Type}"))}.",
                nameof(batch));
        }

        if (batch.Count == 0)
        {
            return [];
        }

        var scored = model.Transformer.Transform(ColumnarData.FromBatch(batch).AsDataView());
        var probabilities = scored.GetColumn<float>(FeaturePipeline.ProbabilityColumn).ToArray();
        var scores = new CustomerScore[batch.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new CustomerScore(batch.CustomerIds[i], probabilities[i]);
        }

        return scores;
    }
}
