using System.Globalization;

namespace NocodeAI.Messaging.Tests.Infrastructure;

/// <summary>
/// A private nats-server with JetStream (<see cref="ThrowawayServer"/>), which a test may kill and start
/// again on the same port and store, to take NATS away from a running service.
/// </summary>
public sealed class ThrowawayNatsServer : IDisposable
{
    private readonly string _storeDir = Path.Combine(Path.GetTempPath(), $"nocode-nats-{Guid.NewGuid():N}");
    private readonly ThrowawayServer _server;

    public ThrowawayNatsServer() =>
        _server = new ThrowawayServer("nats-server", port => ["-js", "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-sd", _storeDir]);

    public int Port => _server.Port;

    public string Url => $"nats://127.0.0.1:{Port}";

    public Task StartAsync() => _server.StartAsync();

    /// <summary>SIGKILL: no goodbye to clients, as when the server's pod dies.</summary>
    public void Kill() => _server.Kill();

    public void Dispose()
    {
        _server.Dispose();
        try
        {
            Directory.Delete(_storeDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
