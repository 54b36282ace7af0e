using System.Text.Json;
using System.Text.Json.Nodes;
using NocodeAI.Gateway.Execution;
using NocodeAI.Gateway.Subgraphs;

namespace NocodeAI.Gateway.Tests;

/// <summary>Whole operations through the gateway against the scripted subgraphs of the test supergraph.</summary>
public sealed class ExecutionTests : IDisposable
{
    private readonly ScriptedSubgraphs _subgraphs = new();

    private async Task<GatewayResult> RunAsync(string query, object? variables = null)
    {
        var element = variables is null ? default : JsonSerializer.SerializeToElement(variables);
        return await _subgraphs.Gateway().ExecuteAsync(new GatewayRequest(query, null, element), ForwardedHeaders.None, CancellationToken.None);
    }

    public void Dispose() => _subgraphs.Dispose();

    private static string Data(GatewayResult result) => result.Data?.ToJsonString() ?? "null";

    [Fact]
    public async Task Hops_across_three_graphs_are_merged_into_the_client_shape_with_requires_fields_sent_along()
    {
        var result = await RunAsync("{ topProducts { name inStock shippingEstimate reviews { body author { username name } } } }");

        Assert.Empty(result.Errors);
        Assert.Equal(
            """{"topProducts":[{"name":"Table","inStock":true,"shippingEstimate":50,"reviews":[{"body":"Love it","author":{"username":"ada","name":"Ada Lovelace"}},{"body":"Sturdy","author":{"username":"ada","name":"Ada Lovelace"}}]},{"name":"Couch","inStock":false,"shippingEstimate":0,"reviews":[{"body":"Too red","author":{"username":"alan","name":"Alan Turing"}}]},{"name":"Chair","inStock":true,"shippingEstimate":25,"reviews":[]}]}""",
            Data(result));
        var inventory = Assert.Single(_subgraphs.To("inventory"));
        Assert.All(inventory.Representations!.Cast<JsonObject>(), r => Assert.True(r.ContainsKey("price") && r.ContainsKey("weight")));
    }

    [Fact]
    public async Task One_entities_call_per_graph_per_step_with_each_representation_once()
    {
        await RunAsync("{ topProducts { reviews { author { name } } } }");

        var users = Assert.Single(_subgraphs.To("users"));
        // Three reviews, two of them by the same author: two representations.
        Assert.Equal(2, users.Representations!.Count);
        Assert.Single(_subgraphs.To("reviews"));
        Assert.Single(_subgraphs.To("products"));
        // p1 and p3 share a variation id but not a sku: three distinct compound keys.
        await RunAsync("{ topProducts { inStock } }");
        Assert.Equal(3, _subgraphs.To("inventory").Single().Representations!.Count);
    }

    [Fact]
    public async Task Root_fields_from_different_graphs_come_back_in_the_order_asked_with_aliases_and_typename()
    {
        var result = await RunAsync("{ top: topProducts(first: 2) { __typename name } me { __typename name } }");

        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => e.ToJsonString())));
        var data = Data(result);
        Assert.StartsWith("""{"top":[{"__typename":"Product","name":"Table"}""", data, StringComparison.Ordinal);
        Assert.EndsWith("\"me\":{\"__typename\":\"User\",\"name\":\"Ada Lovelace\"}}", data, StringComparison.Ordinal);
        Assert.DoesNotContain("__k_", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_and_include_hold_across_a_hop_and_each_fetch_gets_only_the_variables_it_uses()
    {
        var result = await RunAsync(
            "query Q($skip: Boolean!, $withStock: Boolean!) { topProducts { name reviews @skip(if: $skip) { body } inStock @include(if: $withStock) } }",
            new { skip = true, withStock = true });

        Assert.Empty(result.Errors);
        Assert.DoesNotContain("reviews", Data(result), StringComparison.Ordinal);
        Assert.Contains("\"inStock\":true", Data(result), StringComparison.Ordinal);
        Assert.Null(_subgraphs.To("products").Single().Variables);
        Assert.Equal(["representations", "withStock"], _subgraphs.To("inventory").Single().Variables!.Select(v => v.Key));
    }

    [Fact]
    public async Task Entity_errors_are_moved_from_entities_paths_to_the_clients_path_keeping_their_code()
    {
        _subgraphs.Rewrite = (subgraph, answer) =>
        {
            if (subgraph != "reviews") return answer;
            answer["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = "Reviews of this product are hidden.",
                ["path"] = new JsonArray("_entities", 1, "reviews"),
                ["extensions"] = new JsonObject { ["code"] = "FORBIDDEN" },
            });
            answer["data"]!["_entities"]![1] = null;
            return answer;
        };

        var result = await RunAsync("{ topProducts { name reviews { body } } }");

        var error = Assert.Single(result.Errors);
        Assert.Equal("FORBIDDEN", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("""["topProducts",1,"reviews"]""", error["path"]!.ToJsonString());
        // reviews is non-null and the list's items too: the missing reviews null the whole list.
        Assert.Equal("null", Data(result));
    }

    [Fact]
    public async Task A_null_in_a_non_null_field_nulls_the_nearest_nullable_parent_and_says_where()
    {
        _subgraphs.Rewrite = (subgraph, answer) =>
        {
            if (subgraph == "users" && answer["data"]?["_entities"] is JsonArray entities) entities[0] = null;
            return answer;
        };

        var result = await RunAsync("{ latestReviews { body author { name } } me { name } }");

        // author.name (String!) is missing for u1 → author (User!) → its review (Review!) → latestReviews ([Review!]!) → data.
        Assert.Equal("null", Data(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal("""["latestReviews",0,"author","name"]""", error["path"]!.ToJsonString());
    }

    [Fact]
    public async Task A_subgraph_that_is_down_is_SUBGRAPH_UNAVAILABLE_at_its_fields_and_the_rest_of_the_data_stays()
    {
        _subgraphs.Down.Add("inventory");

        var result = await RunAsync("{ topProducts { name inStock } }");

        var error = Assert.Single(result.Errors);
        Assert.Equal("SUBGRAPH_UNAVAILABLE", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("inventory", error["extensions"]!["serviceName"]!.GetValue<string>());
        Assert.Equal("""["topProducts",0,"inStock"]""", error["path"]!.ToJsonString());
        Assert.Equal("""{"topProducts":[{"name":"Table","inStock":null},{"name":"Couch","inStock":null},{"name":"Chair","inStock":null}]}""", Data(result));
    }

    [Fact]
    public async Task Introspection_shows_the_api_schema_without_the_federation_machinery()
    {
        var result = await RunAsync("{ __schema { types { name } queryType { fields { name } } } }");

        var text = Data(result);
        Assert.Contains("\"Product\"", text, StringComparison.Ordinal);
        Assert.Contains("\"topProducts\"", text, StringComparison.Ordinal);
        foreach (var hidden in new[] { "join__", "link__", "_entities", "_service", "_Any", "_Entity" })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }

        Assert.Empty(_subgraphs.Requests);
    }

    [Fact]
    public async Task Invalid_documents_and_variables_are_refused_before_any_subgraph_is_asked()
    {
        var unknownField = await RunAsync("{ topProducts { nope } }");
        // Across graphs the gateway checks variables itself (a one-subgraph operation is checked by its subgraph).
        var wrongVariable = await RunAsync("query Q($first: Int) { topProducts(first: $first) { name inStock } }", new { first = "five" });
        var tooDeep = await RunAsync("{ latestReviews { product { reviews { product { reviews { product { reviews { product { reviews { product { reviews { product { reviews { product { reviews { body } } } } } } } } } } } } } } } }");

        Assert.True(unknownField.IsRequestError);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", unknownField.Errors[0]["extensions"]!["code"]!.GetValue<string>());
        Assert.True(wrongVariable.IsRequestError);
        Assert.Equal("VALIDATION_FAILED", wrongVariable.Errors[0]["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("DEPTH", tooDeep.Errors[0]["extensions"]!["rule"]!.GetValue<string>());
        Assert.Empty(_subgraphs.Requests);
    }

    [Fact]
    public async Task Union_members_are_completed_from_their_own_graphs_and_only_matching_representations_are_sent()
    {
        var result = await RunAsync("{ mentions { __typename ... on User { name } ... on Product { name price } } }");

        Assert.Empty(result.Errors);
        Assert.Equal("""{"mentions":[{"__typename":"User","name":"Alan Turing"},{"__typename":"Product","name":"Table","price":899}]}""", Data(result));
        var users = Assert.Single(_subgraphs.To("users"));
        Assert.Equal("""[{"__typename":"User","id":"u2"}]""", users.Representations!.ToJsonString());
        var products = Assert.Single(_subgraphs.To("products"));
        Assert.Equal("""[{"__typename":"Product","upc":"p1"}]""", products.Representations!.ToJsonString());
    }
}
