using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Support;

[CollectionDefinition(NocodeSystem.CollectionName)]
public sealed class NocodeSystemCollection : ICollectionFixture<NocodeSystem>
{
}

/// <summary>
/// The running NocodeAI system, shared by every integration test (one collection, run serially).
/// It finds the repository, makes sure the gateway and the services answer (running
/// <c>./nocode up -d</c> when they do not), stops, starts and kills single pieces through
/// <c>./nocode</c>, and logs in the development users once each.
/// </summary>
public sealed class NocodeSystem : IAsyncLifetime
{
    public const string CollectionName = "NocodeAI system";
    public const string DefaultGatewayUrl = "http://127.0.0.1:4000/graphql";

    /// <summary>Where the training worker stores model artifacts (<c>&lt;root&gt;/.nocode/artifacts/&lt;id&gt;.zip</c>).</summary>
    public const string ArtifactDirectory = ".nocode/artifacts";

    public const string DefaultNatsUrl = "nats://127.0.0.1:14222";

    private const int LogTailLines = 120;
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The pieces ./nocode runs: the loopback port each listens on and, for .NET services, the project
    /// that has <c>/health/ready</c>. Like ./nocode, a service whose project is not in NocodeAI.sln yet
    /// is not run, so it is not waited for.
    /// </summary>
    private static readonly Dictionary<string, (int Port, string? Project)> Components = new Dictionary<string, (int Port, string? Project)>
    {
        ["gateway"] = (4000, null),
        ["externals"] = (5120, "src/NocodeAI.Externals"),
        ["access"] = (5101, "src/NocodeAI.Access"),
        ["models"] = (5102, "src/NocodeAI.Models"),
        ["targets"] = (5103, "src/NocodeAI.Targets"),
        ["notices"] = (5104, "src/NocodeAI.Notices"),
        ["training"] = (5111, "src/NocodeAI.Training"),
        ["extraction"] = (5112, "src/NocodeAI.Extraction"),
        ["postgres"] = (15432, null),
        ["redis"] = (16379, null),
        ["nats"] = (14222, null),
    }.ToDictionary(c => c.Key, c => (PortOf(c.Key, c.Value.Port), c.Value.Project));

    /// <summary>./nocode test exports NOCODE_&lt;NAME&gt;_PORT (moved by NOCODE_PORT_OFFSET); the defaults otherwise.</summary>
    private static int PortOf(string component, int defaultPort) =>
        int.TryParse(Environment.GetEnvironmentVariable($"NOCODE_{component.ToUpperInvariant()}_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : defaultPort;

    private readonly IMessageSink _diagnostics;
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly ConcurrentQueue<string> _logTail = new();
    private ITestOutputHelper? _output;

    public NocodeSystem(IMessageSink diagnostics)
    {
        _diagnostics = diagnostics;
        Root = FindRoot();
        GatewayUrl = new Uri(Environment.GetEnvironmentVariable("NOCODE_GATEWAY_URL") is { Length: > 0 } url ? url : DefaultGatewayUrl);
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        StreamingHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        Gateway = new GraphQLClient(Http, GatewayUrl);
        Models = new ModelRequestsApi(this);
    }

    /// <summary>The repository root (NOCODE_ROOT, or the folder holding NocodeAI.sln above the test assembly).</summary>
    public string Root { get; }

    public Uri GatewayUrl { get; }

    /// <summary>For requests that end (queries, mutations, health probes).</summary>
    public HttpClient Http { get; }

    /// <summary>For server-sent event streams, which must not time out.</summary>
    public HttpClient StreamingHttp { get; }

    /// <summary>The gateway without a token.</summary>
    public GraphQLClient Gateway { get; }

    public ModelRequestsApi Models { get; }

    /// <summary>Routes log lines to the running test's output as well; returns this for field initialisers.</summary>
    public NocodeSystem Attach(ITestOutputHelper output)
    {
        _output = output;
        return this;
    }

    public void Log(string line)
    {
        _logTail.Enqueue(line);
        while (_logTail.Count > LogTailLines)
        {
            _logTail.TryDequeue(out _);
        }

        _diagnostics.OnMessage(new DiagnosticMessage(line));
        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // No test is running right now (fixture set-up or tear-down).
        }
    }

    public string LogTail() => string.Join('\n', _logTail);

    public string ArtifactPath(string modelRequestId) =>
        Path.Combine(Environment.GetEnvironmentVariable("NOCODE_ARTIFACTS") is { Length: > 0 } directory ? directory : Path.Combine(Root, ArtifactDirectory),
            $"{modelRequestId}.zip");

    /// <summary>A .NET service's base URL as ./nocode runs it (NOCODE_&lt;SERVICE&gt;_URL, e.g. http://127.0.0.1:5102).</summary>
    public static Uri ServiceUrl(string service) =>
        new(Environment.GetEnvironmentVariable($"NOCODE_{service.ToUpperInvariant()}_URL") is { Length: > 0 } url
            ? url
            : $"http://127.0.0.1:{Components[service].Port}");

    /// <summary>A subgraph's own GraphQL endpoint, bypassing the gateway.</summary>
    public GraphQLClient Subgraph(string service) => new(Http, new Uri(ServiceUrl(service), "/graphql"));

    /// <summary>NATS as ./nocode runs it (NOCODE_NATS_URL).</summary>
    public static string NatsUrl => Environment.GetEnvironmentVariable("NOCODE_NATS_URL") is { Length: > 0 } url ? url : DefaultNatsUrl;

    /// <summary>The local Postgres of ./nocode; each service owns one database (access, models, warehouse). NOCODE_&lt;DB&gt;_DB overrides.</summary>
    public static string ConnectionString(string database) =>
        Environment.GetEnvironmentVariable($"NOCODE_{database.ToUpperInvariant()}_DB") is { Length: > 0 } configured
            ? configured
            : $"Host=127.0.0.1;Port=15432;Database={database};Username=nocode;Password=nocode";

    public async Task InitializeAsync()
    {
        Log($"NocodeAI integration tests: root {Root}, gateway {GatewayUrl}");
        var unhealthy = await UnhealthyAsync();
        if (unhealthy.Count == 0)
        {
            Log("The system is up.");
            return;
        }

        Log($"Not ready ({string.Join("; ", unhealthy)}); running ./nocode up -d");
        var exitCode = await RunNocodeAsync(UpTimeout, "up", "-d");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"./nocode up -d exited with {exitCode}. Last output:\n{LogTail()}");
        }

        await WaitUntilHealthyAsync(HealthTimeout);
    }

    public Task DisposeAsync()
    {
        // The system stays up: it was started for (or by) the test command, which owns its lifetime.
        Http.Dispose();
        StreamingHttp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client of the gateway carrying the user's token (logged in once per run).</summary>
    public async Task<GraphQLClient> ClientAsync(DevUser user) => Gateway.WithToken(await TokenAsync(user));

    public async Task<string> TokenAsync(DevUser user)
    {
        if (_tokens.TryGetValue(user.UserName, out var cached))
        {
            return cached;
        }

        var token = await LoginAsync(user.UserName, user.Password);
        _tokens[user.UserName] = token;
        return token;
    }

    /// <summary>
    /// A fresh user created by the admin (username <paramref name="prefix"/> plus a random suffix, 24
    /// characters), so a test owns everything that user does; returns the user and its id.
    /// </summary>
    public async Task<(DevUser User, string Id)> CreateUserAsync(string prefix, string password, params string[] roles)
    {
        var user = new DevUser($"{prefix}-{Guid.NewGuid():N}"[..24], password);
        var created = await (await ClientAsync(DevUser.Admin)).SendAsync(
            "mutation Create($input: CreateUserInput!) { createUser(input: $input) { id } }",
            new { input = new { username = user.UserName, displayName = $"{prefix} tester", password, roles = roles.Length > 0 ? roles : ["USER"] } });
        return (user, created.EnsureSuccess().Field("createUser.id").GetString()!);
    }

    public async Task<string> LoginAsync(string userName, string password)
    {
        var result = await Gateway.SendAsync(
            "mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token } }",
            new { username = userName, password });
        return result.EnsureSuccess().Field("login.token").GetString()
            ?? throw new XunitException($"login as {userName} returned no token: {result}");
    }

    /// <summary><c>./nocode stop &lt;service&gt;</c>, then waits until its port is closed.</summary>
    public async Task StopAsync(string service)
    {
        Log($"Stopping {service}");
        var exitCode = await RunNocodeAsync(CommandTimeout, "stop", service);
        if (exitCode != 0)
        {
            throw new XunitException($"./nocode stop {service} exited with {exitCode}.\n{LogTail()}");
        }

        await WaitUntilDownAsync(service, TimeSpan.FromSeconds(60));
    }

    /// <summary><c>./nocode start &lt;service&gt;</c>, then waits until the whole system is healthy again.</summary>
    public async Task StartAsync(string service)
    {
        await StartOnlyAsync(service);
        await WaitUntilHealthyAsync(HealthTimeout);
    }

    private async Task StartOnlyAsync(string service)
    {
        Log($"Starting {service}");
        var exitCode = await RunNocodeAsync(CommandTimeout, "start", service);
        if (exitCode != 0)
        {
            throw new XunitException($"./nocode start {service} exited with {exitCode}.\n{LogTail()}");
        }
    }

    /// <summary>
    /// <c>kill -9</c> of the pid in <c>.nocode/run/&lt;service&gt;.pid</c>: no shutdown hook runs, as in a crash.
    /// Fails when the service still answers afterwards (the pid file would not name the service process).
    /// </summary>
    public async Task KillAsync(string service, bool restart = false)
    {
        var pidFile = Path.Combine(Root, ".nocode", "run", $"{service}.pid");
        if (!File.Exists(pidFile))
        {
            throw new XunitException($"{pidFile} does not exist: is {service} running under ./nocode?");
        }

        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture);
        Log($"kill -9 {service} (pid {pid})");
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        await WaitUntilDownAsync(service, TimeSpan.FromSeconds(30));
        if (restart)
        {
            await StartAsync(service);
        }
    }

    /// <summary>
    /// Subscription streams the models subgraph has open (its <c>nocode_subscriptions_active</c>
    /// gauge). A subscription through the gateway is live once the gateway's upstream stream is open,
    /// which this observes; tests wait on it instead of sleeping after subscribing.
    /// </summary>
    public static async Task<long> ActiveSubscriptionsAsync(string service = "models")
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(ServiceUrl(service), "/metrics"));
        var match = System.Text.RegularExpressions.Regex.Match(metrics,
            @"^nocode_subscriptions_active(?:\{[^}]*\})? (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// How many client subscriptions have gone live at the gateway so far (their subgraph stream open;
    /// the counter <c>nocode_gateway_subscriptions_opened_total</c>). Identical subscriptions share one
    /// subgraph stream, so the gateway, not the subgraph, knows when a new client's subscription is
    /// live; a counter, unlike a gauge, is not thrown off by earlier subscriptions still closing.
    /// </summary>
    public static Task<long> SubscriptionsWentLiveAsync() => GatewayCounterAsync("nocode_gateway_subscriptions_opened_total");

    /// <summary>How many subgraph streams the gateway has opened so far (<c>nocode_gateway_upstreams_opened_total</c>).</summary>
    public static Task<long> UpstreamsOpenedAsync() => GatewayCounterAsync("nocode_gateway_upstreams_opened_total");

    /// <summary>Subgraph streams the gateway holds open right now (<c>nocode_gateway_upstream_subscriptions</c>).</summary>
    public static Task<long> UpstreamsHeldAsync() => GatewayCounterAsync("nocode_gateway_upstream_subscriptions");

    private static async Task<long> GatewayCounterAsync(string name)
    {
        using var http = new HttpClient();
        var gateway = new Uri(Environment.GetEnvironmentVariable("NOCODE_GATEWAY_URL") is { Length: > 0 } url ? url : DefaultGatewayUrl);
        var metrics = await http.GetStringAsync(new Uri(gateway, "/metrics"));
        var match = System.Text.RegularExpressions.Regex.Match(metrics,
            "^" + name + @"(?:\{[^}]*\})? (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Waits until <paramref name="count"/> client subscriptions have gone live at the gateway in all.</summary>
    public static async Task WaitForSubscriptionsWentLiveAsync(long count, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        long actual;
        while ((actual = await SubscriptionsWentLiveAsync()) < count)
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException($"Expected {count} subscriptions to have gone live at the gateway; it reports {actual}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>For <c>finally</c> blocks of fault tests: starts each service that is not listening, then waits for health.</summary>
    public async Task EnsureRunningAsync(params string[] services)
    {
        // Start every stopped one first: the system is only healthy once all of them answer.
        foreach (var service in services)
        {
            if (!Components.TryGetValue(service, out var component) || !await IsListeningAsync(component.Port))
            {
                await StartOnlyAsync(service);
            }
        }

        await WaitUntilHealthyAsync(HealthTimeout);
    }

    /// <summary>Waits until the gateway and every service answer ready; fails with what is not.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<string> unhealthy;
        while ((unhealthy = await UnhealthyAsync()).Count > 0)
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException(
                    $"The system was not healthy within {timeout.TotalSeconds:0} s: {string.Join("; ", unhealthy)}.\nLast output:\n{LogTail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Log($"Healthy after {stopwatch.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>What does not answer ready right now (empty when all do).</summary>
    public async Task<IReadOnlyList<string>> UnhealthyAsync()
    {
        var problems = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(ProbeTimeout);
            var probe = await Gateway.SendAsync("{ __typename }", cancellationToken: timeout.Token);
            if (probe.HasErrors || probe.Data is null)
            {
                problems.Add($"gateway: {probe}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            problems.Add($"gateway: {ex.Message}");
        }

        foreach (var (name, (_, project)) in Components)
        {
            if (project is null || !IsInSolution(project))
            {
                continue;
            }

            try
            {
                using var timeout = new CancellationTokenSource(ProbeTimeout);
                using var response = await Http.GetAsync(new Uri(ServiceUrl(name), "/health/ready"), timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    problems.Add($"{name}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                problems.Add($"{name}: {ex.Message}");
            }
        }

        return problems;
    }

    /// <summary>Runs <c>./nocode</c> in the repository root, streaming its output to the log; returns the exit code.</summary>
    public async Task<int> RunNocodeAsync(TimeSpan timeout, params string[] arguments)
    {
        var script = Path.Combine(Root, "nocode");
        if (!File.Exists(script))
        {
            throw new XunitException($"{script} does not exist; the integration tests need ./nocode to run the system.");
        }

        return await RunAsync(script, arguments, timeout);
    }

    /// <summary>Runs a program in the repository root, streaming its output to the log; returns the exit code.</summary>
    public async Task<int> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var label = $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.Start();
        process.StandardInput.Close();
        var readers = Task.WhenAll(PumpAsync(process.StandardOutput, label), PumpAsync(process.StandardError, label));

        if (await Task.WhenAny(exited.Task, Task.Delay(timeout)) != exited.Task)
        {
            Log($"[{label}] did not finish within {timeout.TotalMinutes:0} min; killing it");
            process.Kill(entireProcessTree: true);
            throw new XunitException($"{label} did not finish within {timeout.TotalMinutes:0} min.\nLast output:\n{LogTail()}");
        }

        // Services started in the background may hold the output pipes open; do not wait for them.
        await Task.WhenAny(readers, Task.Delay(TimeSpan.FromSeconds(2)));
        Log($"[{label}] exited with {process.ExitCode}");
        return process.ExitCode;
    }

    private async Task PumpAsync(StreamReader reader, string label)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                Log($"[{label}] {line}");
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    private async Task WaitUntilDownAsync(string service, TimeSpan timeout)
    {
        if (!Components.TryGetValue(service, out var component))
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        while (await IsListeningAsync(component.Port))
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException($"{service} still accepts connections on port {component.Port} {timeout.TotalSeconds:0} s after it was stopped.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Log($"{service} is down (port {component.Port} closed).");
    }

    private bool IsInSolution(string project)
    {
        var solution = Path.Combine(Root, "NocodeAI.sln");
        var csproj = $"{project}/{Path.GetFileName(project)}.csproj";
        return File.Exists(solution) && File.ReadAllText(solution).Replace('\\', '/').Contains(csproj, StringComparison.Ordinal);
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("NOCODE_ROOT") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NocodeAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No NocodeAI.sln above {AppContext.BaseDirectory}; set NOCODE_ROOT.");
    }
}
