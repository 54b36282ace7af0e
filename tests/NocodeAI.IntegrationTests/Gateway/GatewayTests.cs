using System.Text;

namespace NocodeAI.IntegrationTests.Gateway;

/// <summary>The gateway as one entry point: GraphQL over GET and POST, bad requests answered as such, depth limits.</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class GatewayTests(NocodeSystem system, ITestOutputHelper output)
{
    /// <summary>Far deeper than any limit and than the introspection query GraphiQL sends.</summary>
    private const int ExcessiveDepth = 30;

    private readonly NocodeSystem _system = system.Attach(output);

    [Fact]
    public async Task A_query_over_GET_is_answered()
    {
        var result = await _system.Gateway.GetAsync("{ __typename }");

        Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
        Assert.Equal("Query", result.EnsureSuccess().Field("__typename").GetString());
    }

    [Fact]
    public async Task A_mutation_over_GET_is_not_executed()
    {
        var result = await _system.Gateway.GetAsync("mutation { login(username: \"analyst\", password: \"nocode-analyst\") { token } }");

        Assert.True(result.HasErrors || (int)result.Status! >= 400, result.ToString());
        Assert.Null(result.FieldOrNull("login.token"));
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("access")]
    [InlineData("models")]
    public async Task A_mutation_over_GET_is_405_with_Allow_POST_and_never_runs(string target)
    {
        var endpoint = target == "gateway" ? _system.GatewayUrl : new Uri(NocodeSystem.ServiceUrl(target), "/graphql");
        var query = target == "access"
            ? "mutation { login(username: \"analyst\", password: \"nocode-analyst\") { token } }"
            : "mutation { requestModel(input: { name: \"via GET\", dataset: \"telco_churn\", label: \"churned\", features: [\"tenure_months\"] }) { id } }";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "?query=" + Uri.EscapeDataString(query)));
        request.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var allow) ? allow : []));
        Assert.DoesNotContain("\"token\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"query\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"variables\": {}}")]
    public async Task A_malformed_request_body_gets_a_4xx_with_a_GraphQL_error_not_a_500(string body)
    {
        var result = await _system.Gateway.PostAsync(body);

        Assert.True(result.Status is { } status && (int)status is >= 400 and < 500, $"Expected a 4xx: {result}");
        Assert.True(result.HasErrors, $"Expected a GraphQL error body: {result}");
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Text("message")), $"error without message: {result}"));
        GraphQLAssert.NoLeaks(result);
    }

    [Fact]
    public async Task A_query_that_does_not_parse_is_refused_with_an_error()
    {
        var result = await _system.Gateway.SendAsync("{ modelRequests(first: ");

        Assert.True(result.HasErrors, result.ToString());
        Assert.True(result.Status is null || (int)result.Status < 500, result.ToString());
        Assert.Null(result.Data);
        GraphQLAssert.NoLeaks(result);
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_refused_by_the_gateway()
    {
        var result = await _system.Gateway.SendAsync(DeepIntrospection(ExcessiveDepth));

        AssertRefused(result);
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_refused_by_a_subgraph_as_well()
    {
        var result = await _system.Subgraph("models").SendAsync(DeepIntrospection(ExcessiveDepth));

        AssertRefused(result);
    }

    [Fact]
    public async Task An_ordinary_introspection_query_is_answered()
    {
        var result = await _system.Gateway.SendAsync("{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }");

        Assert.Equal("Mutation", result.EnsureSuccess().Field("__schema.mutationType.name").GetString());
        Assert.Equal("Subscription", result.Field("__schema.subscriptionType.name").GetString());
    }

    private static void AssertRefused(GraphQLResult result)
    {
        Assert.True(result.HasErrors, $"A {ExcessiveDepth}-level query was executed: {result.ToString()[..Math.Min(500, result.Body.Length)]}");
        Assert.True(result.Status is null || (int)result.Status < 500, result.ToString());
        Assert.Null(result.FieldOrNull("__schema"));
        GraphQLAssert.NoLeaks(result);
    }

    /// <summary><c>{ __schema { types { fields { type { ofType { ofType … { name } } } } } } }</c>.</summary>
    private static string DeepIntrospection(int ofTypeLevels)
    {
        var query = new StringBuilder("{ __schema { types { fields { type { ");
        for (var i = 0; i < ofTypeLevels; i++)
        {
            query.Append("ofType { ");
        }

        query.Append("name ");
        query.Append('}', ofTypeLevels);
        query.Append(" } } } } }");
        return query.ToString();
    }
}
