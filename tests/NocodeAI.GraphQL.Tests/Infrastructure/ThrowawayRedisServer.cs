using System.Globalization;

namespace NocodeAI.GraphQL.Tests.Infrastructure;

/// <summary>
/// A private redis-server without persistence (<see cref="ThrowawayServer"/>), which a test may kill and
/// start again on the same port, to take Redis away from a running change feed.
/// </summary>
public sealed class ThrowawayRedisServer : IDisposable
{
    private readonly ThrowawayServer _server =
        new("redis-server", port => ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);

    public int Port => _server.Port;

    public string Configuration => $"127.0.0.1:{Port}";

    public Task StartAsync() => _server.StartAsync();

    /// <summary>SIGKILL: no goodbye to clients, as when the server's pod dies.</summary>
    public void Kill() => _server.Kill();

    public void Dispose() => _server.Dispose();
}
