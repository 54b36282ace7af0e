using System.Diagnostics;
using Npgsql;

namespace NocodeAI.IntegrationTests.Notices;

/// <summary>
/// Issue 3 / SPEC N2: myRequests is a read model of its own. The rebuild command replays the streams
/// into rows equal to the live projection, and with the models service stopped myRequests and notices
/// still answer through the gateway.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class MyRequestsReadModelTests(NocodeSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private const string SnapshotSql = "SELECT id, kind, name, state, progress, requested_by, updated_at, last_version FROM my_requests ORDER BY id";

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly NoticesApi _notices = new(system);

    public Task InitializeAsync() => _notices.EnsureReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_rebuild_command_reproduces_the_live_projection()
    {
        var request = await _system.Models.RequestValidAsync(DevUser.Analyst, "rebuild");
        (await _system.Models.RejectAsync(DevUser.Approver, request.Id, "rebuild test")).EnsureSuccess();
        await _notices.WaitForMyRequestAsync(DevUser.Analyst, request.Id, "REJECTED");
        var live = await SnapshotAsync();
        await using var jetStream = await JetStreamEvents.ConnectAsync();
        var firstEvent = await jetStream.FirstSequenceAsync("NOCODE_EVENTS");

        var (exitCode, stderr) = await RunRebuildAsync();

        if (firstEvent > 1)
        {
            // A long-lived development system (many bench runs) has passed the events stream's size
            // bound: the history is gone, and the rebuild must say so and leave the rows alone.
            Assert.Equal(2, exitCode);
            Assert.Contains("no longer holds its first", stderr, StringComparison.Ordinal);
            Assert.Contains(request.Id, (await SnapshotAsync()).Keys);
            return;
        }

        Assert.Equal(0, exitCode);
        var rebuilt = await SnapshotAsync();
        Assert.Contains(request.Id, rebuilt.Keys);
        // A request that changed meanwhile (a training left by another test) may be newer; nothing may differ at the same version.
        var differences = live
            .Where(row => !rebuilt.TryGetValue(row.Key, out var again) || (again.Version == row.Value.Version && again.Text != row.Value.Text) || again.Version < row.Value.Version)
            .Select(row => $"{row.Key}: live {row.Value.Text} v{row.Value.Version}, rebuilt {(rebuilt.TryGetValue(row.Key, out var r) ? $"{r.Text} v{r.Version}" : "missing")}")
            .ToList();
        Assert.True(differences.Count == 0, "The rebuilt rows differ from the live ones:\n" + string.Join('\n', differences));
        Assert.True(rebuilt.Count >= live.Count, $"{live.Count} live rows, {rebuilt.Count} rebuilt");
    }

    [Fact]
    public async Task With_the_models_service_stopped_myRequests_and_notices_still_answer()
    {
        var request = await _system.Models.RequestValidAsync(DevUser.Analyst, "models down");
        await _notices.WaitForMyRequestAsync(DevUser.Analyst, request.Id, "REQUESTED");
        await _notices.WaitForNoticesAsync(DevUser.Analyst, request.Id, n => n.Count == 1, "the submission notice");
        try
        {
            await _system.StopAsync("models");

            var rows = await _notices.MyRequestsAsync(DevUser.Analyst, "MODEL_REQUEST");
            var row = Assert.Single(rows, r => r.RequiredText("id") == request.Id);
            Assert.Equal("REQUESTED", row.RequiredText("state"));
            Assert.Contains(await _notices.NoticesAsync(DevUser.Analyst), n => n.SubjectId == request.Id);
            var count = await (await _system.ClientAsync(DevUser.Analyst)).SendAsync("{ unreadNoticeCount }");
            Assert.True(count.EnsureSuccess().Field("unreadNoticeCount").GetInt32() >= 0);
            var models = await (await _system.ClientAsync(DevUser.Analyst)).SendAsync($"query($id: ID!) {{ modelRequest(id: $id) {{ id }} }}", new { id = request.Id });
            Assert.True(models.HasErrors, $"modelRequest answered although models is stopped: {models}");
        }
        finally
        {
            await _system.EnsureRunningAsync("models");
            await _system.Models.CancelQuietlyAsync(request.Id);
        }
    }

    private static async Task<Dictionary<string, (string Text, long Version)>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(NocodeSystem.ConnectionString("notices"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(SnapshotSql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string, long)>();
        while (await reader.ReadAsync())
        {
            var text = string.Join('|', reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(5), reader.GetDateTime(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            rows[reader.GetGuid(0).ToString()] = (text, reader.GetInt64(7));
        }

        return rows;
    }

    /// <summary><c>dotnet NocodeAI.Notices.dll --rebuild-projection</c> with the environment ./nocode gives the service.</summary>
    private async Task<(int ExitCode, string Stderr)> RunRebuildAsync()
    {
        var environment = await CaptureAsync(Path.Combine(_system.Root, "nocode"), ["env", "notices"]);
        var dll = Path.Combine(_system.Root, "src", "NocodeAI.Notices", "bin", "Release", "net10.0", "NocodeAI.Notices.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--rebuild-projection");
        foreach (var line in environment.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                start.Environment[line[..equals]] = line[(equals + 1)..];
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var summary = (await stdout).Split('\n').Where(l => l.StartsWith("myRequests rebuilt", StringComparison.Ordinal)).ToList();
        _system.Log($"rebuild exited {process.ExitCode}: {string.Join(" ", summary)} {await stderr}");
        return (process.ExitCode, await stderr);
    }

    private static async Task<string> CaptureAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}");
        return output;
    }
}
