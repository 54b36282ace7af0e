using GraphQLParser;
using GraphQLParser.AST;
using NocodeAI.Gateway.Planning;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Tests;

/// <summary>Plans over the products/reviews/inventory/users supergraph, read only from its join directives.</summary>
public sealed class PlannerTests
{
    private static readonly SupergraphModel Model = SupergraphModel.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Supergraph", "supergraph.graphql")));

    private static QueryPlan Plan(string query)
    {
        var document = Parser.Parse(query);
        return new QueryPlanner(Model).Plan(document, document.Definitions.OfType<GraphQLOperationDefinition>().Single());
    }

    [Fact]
    public void A_field_of_another_graph_becomes_an_entity_fetch_keyed_by_the_key_that_graph_has()
    {
        var plan = Plan("{ topProducts { name inStock } }");

        var root = Assert.Single(plan.Roots);
        Assert.Equal("PRODUCTS", root.Graph);
        var inventory = Assert.Single(root.Children);
        Assert.Equal("INVENTORY", inventory.Graph);
        Assert.Equal("Product", inventory.EntityType);
        Assert.Equal(["topProducts"], inventory.Path);
        // Inventory only knows Product by the compound key, so products is asked for it under __k_ aliases.
        Assert.Equal(["sku", "variation"], inventory.RepresentationFields);
        Assert.Contains("__k_sku:sku", root.Document, StringComparison.Ordinal);
        Assert.Contains("__k_variation:variation{__typename id}", root.Document, StringComparison.Ordinal);
        Assert.DoesNotContain("inStock", root.Document, StringComparison.Ordinal);
        Assert.Contains("_entities(representations:$representations){...on Product{ inStock}}", inventory.Document, StringComparison.Ordinal);
        Assert.False(plan.Passthrough);
    }

    [Fact]
    public void Requires_fields_travel_in_the_representation_from_the_graph_that_owns_them()
    {
        var plan = Plan("{ topProducts { shippingEstimate } }");

        var inventory = Assert.Single(Assert.Single(plan.Roots).Children);
        Assert.Equal(["sku", "variation", "price", "weight"], inventory.RepresentationFields);
        Assert.Contains("__k_price:price", plan.Roots[0].Document, StringComparison.Ordinal);
        Assert.Contains("__k_weight:weight", plan.Roots[0].Document, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provided_field_is_answered_by_the_graph_that_provides_it_and_the_rest_hops()
    {
        var provided = Plan("{ latestReviews { body author { username } } }");
        Assert.Empty(Assert.Single(provided.Roots).Children);
        Assert.True(provided.Passthrough);

        var hop = Plan("{ latestReviews { author { username name } } }");
        var users = Assert.Single(Assert.Single(hop.Roots).Children);
        Assert.Equal("USERS", users.Graph);
        Assert.Equal(["latestReviews", "author"], users.Path);
        Assert.Contains("username", hop.Roots[0].Document, StringComparison.Ordinal);
        Assert.Contains("{ name}", users.Document, StringComparison.Ordinal);
        Assert.DoesNotContain("username", users.Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Hops_nest_and_fields_for_one_graph_at_one_place_share_one_fetch()
    {
        var plan = Plan("{ topProducts { name inStock shippingEstimate reviews { body author { name } } } }");

        var root = Assert.Single(plan.Roots);
        Assert.Equal(["INVENTORY", "REVIEWS"], root.Children.Select(c => c.Graph).Order());
        var reviews = root.Children.Single(c => c.Graph == "REVIEWS");
        Assert.Equal(["upc"], reviews.RepresentationFields);
        var users = Assert.Single(reviews.Children);
        Assert.Equal(["topProducts", "reviews", "author"], users.Path);
        Assert.Equal(4, plan.FetchCount);
    }

    [Fact]
    public void Root_fields_of_different_graphs_are_separate_root_fetches_and_each_declares_only_its_variables()
    {
        var plan = Plan("query Q($first: Int, $skip: Boolean!) { me { name } topProducts(first: $first) { name reviews @skip(if: $skip) { body } } }");

        Assert.Equal(["PRODUCTS", "USERS"], plan.Roots.Select(r => r.Graph).Order());
        var products = plan.Roots.Single(r => r.Graph == "PRODUCTS");
        Assert.Equal(["first"], products.Variables);
        Assert.StartsWith("query($first:Int)", products.Document, StringComparison.Ordinal);
        var reviews = Assert.Single(products.Children);
        Assert.Equal(["skip"], reviews.Variables);
        Assert.Contains("$representations:[_Any!]!,$skip:Boolean!", reviews.Document, StringComparison.Ordinal);
        Assert.Empty(plan.Roots.Single(r => r.Graph == "USERS").Variables);
    }

    [Fact]
    public void Aliases_and_fragments_are_kept_in_the_fetches()
    {
        var plan = Plan("""
            query { items: topProducts { ...Names ... on Product { stock: inStock } } }
            fragment Names on Product { title: name }
            """);

        var root = Assert.Single(plan.Roots);
        Assert.Contains("items:topProducts", root.Document, StringComparison.Ordinal);
        Assert.Contains("title:name", root.Document, StringComparison.Ordinal);
        var inventory = Assert.Single(root.Children);
        Assert.Equal(["items"], inventory.Path);
        Assert.Contains("stock:inStock", inventory.Document, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_reads_keys_requires_provides_external_and_shareable_from_the_join_directives()
    {
        var product = Model.Type("Product");
        Assert.Equal(["INVENTORY", "PRODUCTS", "REVIEWS"], product.Graphs.Order());
        Assert.Contains(product.Keys, k => k.Graph == "PRODUCTS" && k.Text == "sku variation { id }");
        Assert.DoesNotContain(product.Keys, k => k.Graph == "INVENTORY" && k.Text == "upc");
        var user = Model.Type("User");
        Assert.False(Model.Resolves(user, user.Fields["username"], "REVIEWS"));
        Assert.True(Model.Resolves(user, user.Fields["username"], "REVIEWS", provided: true));
        var variation = Model.Type("Variation");
        Assert.True(Model.Resolves(variation, variation.Fields["id"], "INVENTORY"));
        Assert.True(Model.Resolves(variation, variation.Fields["id"], "PRODUCTS"));
    }

    [Fact]
    public void A_union_is_planned_per_member_with_each_members_fields_fetched_from_the_graph_that_has_them()
    {
        var plan = Plan("{ mentions { __typename ... on User { name } ... on Product { name price } } }");

        var root = Assert.Single(plan.Roots);
        Assert.Equal("REVIEWS", root.Graph);
        Assert.Contains("...on User{", root.Document, StringComparison.Ordinal);
        Assert.Contains("...on Product{", root.Document, StringComparison.Ordinal);
        Assert.Equal(["Product", "User"], root.Children.Select(c => c.EntityType!).Order());
        var users = root.Children.Single(c => c.EntityType == "User");
        Assert.Equal("USERS", users.Graph);
        Assert.Equal(["mentions"], users.Path);
        var products = root.Children.Single(c => c.EntityType == "Product");
        Assert.Equal("PRODUCTS", products.Graph);
        Assert.Contains("price", products.Document, StringComparison.Ordinal);
        Assert.False(plan.Passthrough);
    }
}
