using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NocodeAI.Tests.Shared;

/// <summary>
/// A private server process (such as nats-server) on a free loopback port, never the shared ports
/// of ./nocode, which a test may kill and start again on the same port to take the server away from
/// a running client. Compiled into the test projects that need one (linked from tests/Shared).
/// </summary>
internal sealed class ThrowawayServer : IDisposable
{
    private readonly string _program;
    private readonly Func<int, string[]> _arguments;
    private Process? _process;

    /// <param name="program">The executable, found on PATH.</param>
    /// <param name="arguments">Its arguments for a given port.</param>
    public ThrowawayServer(string program, Func<int, string[]> arguments)
    {
        _program = program;
        _arguments = arguments;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
    }

    public int Port { get; }

    /// <summary>Starts the process and returns once it accepts connections (at most 15 s).</summary>
    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(_program, _arguments(Port))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{_program} did not start; is it installed?");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGKILL: no goodbye to clients, as when the server's pod dies.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();
}
