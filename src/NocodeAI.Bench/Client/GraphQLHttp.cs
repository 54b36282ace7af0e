using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NocodeAI.Bench.Client;

/// <summary>GraphQL over HTTP with one pooled HttpClient sized for the benchmark's concurrency.</summary>
public sealed class GraphQLHttp(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Uri Endpoint { get; } = endpoint;

    /// <summary>Sends one operation; returns the parsed response, or throws when the transport fails.</summary>
    public async Task<JsonElement> SendAsync(string query, object? variables, string? token, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }

    /// <summary>The data of a successful answer; throws with the first error otherwise.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables, string? token, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(query, variables, token, cancellationToken);
        if (answer.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            throw new InvalidOperationException($"{Endpoint}: {errors[0]}");
        }

        return answer.GetProperty("data");
    }

    public async Task<string> LoginAsync(string username, string password) =>
        (await DataAsync("mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token } }", new { u = username, p = password }, null))
        .GetProperty("login").GetProperty("token").GetString()!;

    public void Dispose() => _http.Dispose();
}
