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
}
