using GraphQL;
using NocodeAI.GraphQL.Federation;
using NocodeAI.GraphQL.Identity;

namespace NocodeAI.Models.Tests;

/// <summary>The per-request entity batch: the representations of one _entities call load in one query.</summary>
public sealed class EntityBatchTests
{
    [Fact]
    public async Task Keys_collected_before_the_first_read_load_in_one_query_and_unknown_ones_are_null()
    {
        var queries = new List<IReadOnlyCollection<string>>();
        var context = new ResolveFieldContext { UserContext = new GraphQLUserContext(null) };
        EntityBatch<string, string> Batch() => EntityBatch.For<string, string>(context, "things", (keys, _) =>
        {
            queries.Add(keys);
            return Task.FromResult<IReadOnlyDictionary<string, string>>(keys.Where(k => k != "missing").ToDictionary(k => k, k => k.ToUpperInvariant()));
        });

        var results = new[] { "a", "b", "a", "missing" }.Select(key => Batch().Load(key)).ToList();
        var values = new List<string?>();
        foreach (var result in results)
        {
            values.Add(await result.GetResultAsync());
        }

        Assert.Equal(["A", "B", "A", null], values);
        var query = Assert.Single(queries);
        Assert.Equal(["a", "b", "missing"], query.Order());

        // A later level asks again: only keys not loaded yet are queried.
        Assert.Equal("A", await Batch().Load("a").GetResultAsync());
        Assert.Equal("C", await Batch().Load("c").GetResultAsync());
        Assert.Equal(2, queries.Count);
        Assert.Equal(["c"], queries[1]);
    }

    [Fact]
    public async Task Results_awaited_together_share_one_load_and_all_get_their_value()
    {
        var release = new TaskCompletionSource();
        var loads = 0;
        var context = new ResolveFieldContext { UserContext = new GraphQLUserContext(null) };
        var batch = EntityBatch.For<int, string>(context, "numbers", async (keys, _) =>
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return keys.ToDictionary(k => k, k => k.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

        var results = Enumerable.Range(1, 5).Select(batch.Load).ToList();
        var awaited = results.Select(r => r.GetResultAsync()).ToList();
        release.SetResult();

        Assert.Equal(new string?[] { "1", "2", "3", "4", "5" }, await Task.WhenAll(awaited));
        Assert.Equal(1, loads);
    }
}
