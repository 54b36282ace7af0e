using System.Text;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>
/// GraphQL over HTTP as a client sends it: POST of <c>{ query, variables }</c> (or GET for queries),
/// with an optional bearer token. Never throws on an HTTP error status: the status and the body are
/// part of the result, because tests assert on them.
/// </summary>
public sealed class GraphQLClient(HttpClient http, Uri endpoint, string? token = null)
{
    public const string AcceptHeader = "application/graphql-response+json, application/json;q=0.9";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Uri Endpoint { get; } = endpoint;

    public string? Token { get; } = token;

    public GraphQLClient WithToken(string? bearerToken) => new(http, Endpoint, bearerToken);

    public Task<GraphQLResult> SendAsync(string query, object? variables = null, CancellationToken cancellationToken = default) =>
        PostAsync(JsonSerializer.Serialize(new { query, variables }, Json), "application/json", cancellationToken);

    /// <summary>POSTs a body exactly as given, for tests of malformed requests.</summary>
    public async Task<GraphQLResult> PostAsync(string body, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>A query over GET (<c>?query=...</c>).</summary>
    public async Task<GraphQLResult> GetAsync(string query, CancellationToken cancellationToken = default)
    {
        var uri = new UriBuilder(Endpoint) { Query = "query=" + Uri.EscapeDataString(query) }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendAsync(request, cancellationToken);
    }

    internal static void Authorize(HttpRequestMessage request, string? bearerToken)
    {
        if (bearerToken is not null)
        {
            // Without validation: tests send malformed tokens on purpose.
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearerToken}");
        }
    }

    private async Task<GraphQLResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Accept", AcceptHeader);
        Authorize(request, Token);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return GraphQLResult.Parse(response.StatusCode, body);
    }
}
