using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NocodeAI.Tests.Shared;
using Npgsql;

namespace NocodeAI.Access.Tests.Service;

/// <summary>
/// The real access service, started from its Program on a free loopback port in Development,
/// against a throw-away database <c>access_tests_&lt;random&gt;</c> on the local PostgreSQL that
/// ./nocode runs, dropped again afterwards. The server is the one of NOCODE_TEST_POSTGRES, else of
/// NOCODE_ACCESS_DB (exported by ./nocode test), else ./nocode's default.
/// </summary>
public sealed class AccessServiceFixture : IAsyncLifetime, IDisposable
{
    public const string AdminConnectionVariable = "NOCODE_TEST_POSTGRES";
    private const string DefaultAdminConnection = "Host=127.0.0.1;Port=15432;Username=nocode;Password=nocode;Database=postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyList<string> _extraArguments;
    private readonly TestKeys _keys = new();
    private readonly string _databaseName = "access_tests_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _adminConnection = AdminConnection();
    private IHost? _host;
    private Task? _run;

    public AccessServiceFixture()
        : this([])
    {
    }

    /// <summary>A service started with more command-line settings (<c>--Section:Key=value</c>), for another fixture to own.</summary>
    internal AccessServiceFixture(IReadOnlyList<string> extraArguments)
    {
        _extraArguments = extraArguments;
    }

    public HttpClient Http { get; } = new();

    public string DatabaseName => _databaseName;

    public string DatabaseConnectionString => new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _databaseName }.ConnectionString;

    public async Task InitializeAsync()
    {
        await ExecuteAdminAsync($"CREATE DATABASE \"{_databaseName}\"");

        var marker = Guid.NewGuid().ToString("N");
        using var capture = new HostCapture(marker);
        _run = ServiceProgram.RunAsync(
        [
            "--environment", "Development",
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:Database={DatabaseConnectionString}",
            $"--Identity:PublicKeyPath={_keys.PublicKeyPath}",
            $"--Identity:PrivateKeyPath={_keys.PrivateKeyPath}",
            $"--{HostCapture.MarkerKey}={marker}",
            .. _extraArguments,
        ]);

        var built = await Task.WhenAny(capture.Host, _run).WaitAsync(StartTimeout);
        if (built == _run)
        {
            await _run;
            throw new InvalidOperationException("The access service exited before it was built.");
        }

        _host = await capture.Host;
        var lifetime = _host.Services.GetRequiredService<IHostApplicationLifetime>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            var first = await Task.WhenAny(started.Task, _run).WaitAsync(StartTimeout);
            if (first == _run)
            {
                await _run;
                throw new InvalidOperationException("The access service stopped before it started listening.");
            }
        }

        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The access service reports no address.");
        Http.BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                // The database is dropped regardless; FORCE closes what the service left open.
            }
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
        Dispose();
    }

    public void Dispose()
    {
        Http.Dispose();
        _keys.Dispose();
    }

    /// <summary>Signs in through the login mutation and answers the bearer token.</summary>
    public async Task<string> LoginAsync(string username, string password)
    {
        var response = await PostAsync("mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
            new { u = username, p = password });
        return response.Data("login")["token"]!.GetValue<string>();
    }

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonNode.Parse(body)!.AsObject());
    }

    private static string AdminConnection()
    {
        if (Environment.GetEnvironmentVariable(AdminConnectionVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        return Environment.GetEnvironmentVariable("NOCODE_ACCESS_DB") is { Length: > 0 } access
            ? new NpgsqlConnectionStringBuilder(access) { Database = "postgres" }.ConnectionString
            : DefaultAdminConnection;
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed record GraphQLResponse(int Status, JsonObject Body)
{
    public JsonNode Data(string field) =>
        Body["data"]?[field] ?? throw new InvalidOperationException($"No data.{field} in {Body.ToJsonString()}");

    public JsonObject Error =>
        Body["errors"]?[0]?.AsObject() ?? throw new InvalidOperationException($"No error in {Body.ToJsonString()}");

    public string? ErrorCode => Error["extensions"]?["code"]?.GetValue<string>();

    public string? ErrorField => Error["extensions"]?["field"]?.GetValue<string>();

    public bool HasErrors => Body["errors"] is JsonArray { Count: > 0 };

    public override string ToString() => Body.ToJsonString();
}
