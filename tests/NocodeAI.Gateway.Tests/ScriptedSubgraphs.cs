using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NocodeAI.Gateway.Execution;
using NocodeAI.Gateway.Observability;
using NocodeAI.Gateway.Subgraphs;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Tests;

/// <summary>One request a scripted subgraph received.</summary>
public sealed record Received(string Subgraph, string Query, JsonObject? Variables)
{
    public JsonArray? Representations => Variables?["representations"] as JsonArray;
}

/// <summary>
/// The four subgraphs of the test supergraph, in memory, behind an <see cref="HttpMessageHandler"/>
/// (no sockets). They are not GraphQL engines: a root field answers its whole objects and
/// <c>_entities</c> answers every field the subgraph owns, each value also under the gateway's
/// <c>__k_</c> alias, so what reaches the client is decided by the gateway's planning, merging and
/// shaping alone. Every request is recorded.
/// </summary>
public sealed class ScriptedSubgraphs : HttpMessageHandler
{
    public static readonly JsonObject[] Users =
    [
        new() { ["__typename"] = "User", ["id"] = "u1", ["name"] = "Ada Lovelace", ["username"] = "ada" },
        new() { ["__typename"] = "User", ["id"] = "u2", ["name"] = "Alan Turing", ["username"] = "alan" },
    ];

    public static readonly JsonObject[] Products =
    [
        new() { ["__typename"] = "Product", ["upc"] = "p1", ["sku"] = "TABLE", ["variation"] = new JsonObject { ["__typename"] = "Variation", ["id"] = "oak" }, ["name"] = "Table", ["price"] = 899, ["weight"] = 100 },
        new() { ["__typename"] = "Product", ["upc"] = "p2", ["sku"] = "COUCH", ["variation"] = new JsonObject { ["__typename"] = "Variation", ["id"] = "red" }, ["name"] = "Couch", ["price"] = 1299, ["weight"] = 1000 },
        new() { ["__typename"] = "Product", ["upc"] = "p3", ["sku"] = "CHAIR", ["variation"] = new JsonObject { ["__typename"] = "Variation", ["id"] = "oak" }, ["name"] = "Chair", ["price"] = 54, ["weight"] = 50 },
    ];

    /// <summary>Reviews by product: both of p1's are by u1, so one author appears twice.</summary>
    public static readonly Dictionary<string, JsonObject[]> ReviewsByProduct = new()
    {
        ["p1"] =
        [
            new() { ["__typename"] = "Review", ["id"] = "r1", ["body"] = "Love it", ["author"] = new JsonObject { ["__typename"] = "User", ["id"] = "u1", ["username"] = "ada" } },
            new() { ["__typename"] = "Review", ["id"] = "r2", ["body"] = "Sturdy", ["author"] = new JsonObject { ["__typename"] = "User", ["id"] = "u1", ["username"] = "ada" } },
        ],
        ["p2"] = [new() { ["__typename"] = "Review", ["id"] = "r3", ["body"] = "Too red", ["author"] = new JsonObject { ["__typename"] = "User", ["id"] = "u2", ["username"] = "alan" } }],
        ["p3"] = [],
    };

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Subgraphs that refuse connections, as if down.</summary>
    public HashSet<string> Down { get; } = [];

    /// <summary>Optional rewrite of a subgraph's answer before it is sent (to inject nulls and errors).</summary>
    public Func<string, JsonObject, JsonObject>? Rewrite { get; set; }

    public IReadOnlyList<Received> To(string subgraph) => Requests.Where(r => r.Subgraph == subgraph).ToList();

    /// <summary>The gateway over the test supergraph with these subgraphs behind it.</summary>
    public GatewayExecutor Gateway()
    {
        var options = new GatewayOptions { SupergraphPath = Path.Combine(AppContext.BaseDirectory, "Supergraph", "supergraph.graphql") };
        var source = new SupergraphSource(options, new TestEnvironment(), NullLogger<SupergraphSource>.Instance);
        var endpoints = new SubgraphEndpoints(new ConfigurationBuilder().Build(), source);
        var metrics = new GatewayMetrics();
        var client = new SubgraphClient(new HttpClient(this), endpoints, metrics, NullLogger<SubgraphClient>.Instance);
        var hub = new SubscriptionHub(client, options, metrics, NullLogger<SubscriptionHub>.Instance);
        return new GatewayExecutor(source, new PlanExecutor(client), client, hub, options, metrics, NullLogger<GatewayExecutor>.Instance);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var subgraph = request.RequestUri!.Host.Split('.')[0];
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        var query = body["query"]!.GetValue<string>();
        var variables = body["variables"] as JsonObject;
        Requests.Enqueue(new Received(subgraph, query, variables));
        if (Down.Contains(subgraph))
        {
            throw new HttpRequestException($"Connection refused ({subgraph}.test:80)");
        }

        var answer = Answer(subgraph, query, variables);
        if (Rewrite is not null) answer = Rewrite(subgraph, answer);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/graphql-response+json"),
        };
    }

    private static JsonObject Answer(string subgraph, string query, JsonObject? variables)
    {
        if (query.Contains("_entities", StringComparison.Ordinal))
        {
            var entities = new JsonArray();
            foreach (var representation in (variables!["representations"] as JsonArray)!.Cast<JsonObject>())
            {
                entities.Add(Entity(subgraph, representation));
            }

            return new JsonObject { ["data"] = new JsonObject { ["_entities"] = entities } };
        }

        // Root fields under the client's response keys (aliases honoured), nested fields whole.
        var data = new JsonObject();
        var operation = GraphQLParser.Parser.Parse(query).Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().First();
        foreach (var field in operation.SelectionSet.Selections.OfType<GraphQLParser.AST.GraphQLField>())
        {
            var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            data[key] = (field.Name.StringValue, subgraph) switch
            {
                ("topProducts", "products") => new JsonArray([.. Products.Select(p => (JsonNode)Keyed(p))]),
                ("me", "users") => Keyed(Users[0]),
                ("latestReviews", "reviews") => new JsonArray([.. ReviewsByProduct.Values.SelectMany(r => r).Select(r => (JsonNode)Review(r))]),
                // A union: what reviews knows of each member is its key.
                ("mentions", "reviews") => new JsonArray(
                    Keyed(new JsonObject { ["__typename"] = "User", ["id"] = "u2" }),
                    Keyed(new JsonObject { ["__typename"] = "Product", ["upc"] = "p1" })),
                _ => null,
            };
        }

        return new JsonObject { ["data"] = data };
    }

    private static JsonObject? Entity(string subgraph, JsonObject representation)
    {
        switch (subgraph)
        {
            case "users":
                var user = Users.FirstOrDefault(u => u["id"]!.GetValue<string>() == representation["id"]!.GetValue<string>());
                return user is null ? null : Keyed(user);
            case "products":
                var product = Products.FirstOrDefault(p => p["upc"]!.GetValue<string>() == representation["upc"]?.GetValue<string>());
                return product is null ? null : Keyed(product);
            case "reviews" when representation["__typename"]!.GetValue<string>() == "Product":
                var upc = representation["upc"]!.GetValue<string>();
                return new JsonObject
                {
                    ["__typename"] = "Product",
                    ["upc"] = upc,
                    ["reviews"] = new JsonArray([.. ReviewsByProduct[upc].Select(r => (JsonNode)Review(r))]),
                };
            case "inventory":
                // shippingEstimate needs price and weight, which only products has: they must come in the representation.
                var price = representation["price"]?.GetValue<int>();
                var weight = representation["weight"]?.GetValue<int>();
                return new JsonObject
                {
                    ["__typename"] = "Product",
                    ["inStock"] = representation["sku"]!.GetValue<string>() != "COUCH",
                    ["shippingEstimate"] = price is null || weight is null ? null : price > 1000 ? 0 : weight / 2,
                };
            default:
                return null;
        }
    }

    private static JsonObject Review(JsonObject review)
    {
        var copy = Keyed(review);
        copy["author"] = Keyed((JsonObject)review["author"]!);
        return copy;
    }

    /// <summary>An object with each field also under the <c>__k_</c> alias the gateway reads keys from.</summary>
    private static JsonObject Keyed(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            copy[key] = value?.DeepClone();
            if (key != "__typename") copy["__k_" + key] = value?.DeepClone();
        }

        return copy;
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "NocodeAI.Gateway.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
