using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.ServiceDefaults.Identity;
using NocodeAI.Tests.Shared;
using Npgsql;

namespace NocodeAI.Notices.Tests.Service;

/// <summary>
/// The real notices service, started from its Program in this process (Development settings: the
/// configured approvers admin and approver) against its own slice of ./nocode's infrastructure: a
/// throw-away database <c>notices_tests_&lt;id&gt;</c>, JetStream streams and subjects under the
/// prefix <c>&lt;id&gt;</c>, Redis channels under <c>&lt;id&gt;</c>, and a fake SwingChat. Small
/// delivery settings (3 attempts, 100 ms base delay) make an outage play out in a second or two.
/// </summary>
public sealed class NoticesServiceFixture : IAsyncLifetime, IDisposable
{
    public const int MaxAttempts = 3;
    public const string SwingChatToken = "test-swingchat-token";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _id = "t" + Guid.NewGuid().ToString("N")[..11];
    private readonly string _adminConnection = AdminConnection();
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _publicKeyPath = Path.Combine(Path.GetTempPath(), $"nocode-notices-tests-{Guid.NewGuid():N}.pem");
    private NatsConnection? _nats;
    private Task<int>? _run;

    public FakeSwingChat SwingChat { get; private set; } = null!;

    public IHost Host { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public JetStreamNames Names => new(_id);

    public string DatabaseName => $"notices_tests_{_id}";

    public string DatabaseConnectionString => new NpgsqlConnectionStringBuilder(_adminConnection) { Database = DatabaseName }.ConnectionString;

    public static string NatsUrl => Environment.GetEnvironmentVariable("NOCODE_NATS_URL") is { Length: > 0 } url ? url : "nats://127.0.0.1:14222";

    public async Task InitializeAsync()
    {
        await ExecuteAdminAsync($"CREATE DATABASE \"{DatabaseName}\"");
        await File.WriteAllTextAsync(_publicKeyPath, _rsa.ExportSubjectPublicKeyInfoPem());
        SwingChat = await FakeSwingChat.StartAsync();

        var marker = Guid.NewGuid().ToString("N");
        using var capture = new HostCapture(marker);
        _run = ServiceProgram.RunAsync(
        [
            "--environment", "Development",
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:Database={DatabaseConnectionString}",
            $"--Nats:Url={NatsUrl}",
            $"--Nats:StreamPrefix={_id}",
            // The server reserves each stream's bound out of its store while the stream lives.
            "--Nats:EventsMaxBytes=16777216",
            "--Nats:DeadLetterMaxBytes=16777216",
            $"--Redis:Configuration={LocalRedis.Configuration}",
            $"--Redis:ChannelPrefix={_id}",
            $"--Identity:PublicKeyPath={_publicKeyPath}",
            $"--SwingChat:BaseUrl={SwingChat.BaseUrl}",
            $"--SwingChat:Token={SwingChatToken}",
            $"--SwingChat:MaxAttempts={MaxAttempts}",
            "--SwingChat:BaseDelayMs=100",
            "--SwingChat:MaxDelayMs=400",
            "--SwingChat:SweepInterval=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
            $"--{HostCapture.MarkerKey}={marker}",
        ]);

        var built = await Task.WhenAny(capture.Host, _run).WaitAsync(StartTimeout);
        if (built == _run)
        {
            await _run;
            throw new InvalidOperationException("The notices service exited before it was built.");
        }

        Host = await capture.Host;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
        {
            if (await Task.WhenAny(started.Task, _run).WaitAsync(StartTimeout) == _run)
            {
                await _run;
                throw new InvalidOperationException("The notices service stopped before it started listening.");
            }
        }

        Http.BaseAddress = new Uri(Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await EventuallyAsync(async () => (await Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode,
            StartTimeout, "the notices service to be ready (database, NATS streams, Redis)");
        _nats = new NatsConnection(new NatsOpts { Url = NatsUrl, Name = "nocode-notices-tests" });
        await _nats.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        Host?.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                // Cleaned up regardless below.
            }
        }

        if (_nats is not null)
        {
            var js = new NatsJSContext(_nats);
            foreach (var stream in new[] { JetStreamTopology.EventsStream, JetStreamTopology.JobsStream, JetStreamTopology.DeadLetterStream })
            {
                try
                {
                    await js.DeleteStreamAsync(Names.Stream(stream));
                }
                catch (NatsJSApiException)
                {
                }
            }

            await _nats.DisposeAsync();
            _nats = null;
        }

        if (SwingChat is not null)
        {
            await SwingChat.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        File.Delete(_publicKeyPath);
        Dispose();
    }

    public void Dispose()
    {
        _rsa.Dispose();
        Http.Dispose();
    }

    /// <summary>Publishes a model event as the models service's outbox relay would; returns the envelope.</summary>
    public async Task<EventEnvelope> PublishAsync(ModelRequestEvent e, long version, Guid? envelopeId = null, string? natsMsgId = null)
    {
        var envelope = EventEnvelope.Create(e, e.ModelRequestId.ToString(), version, new MessageContext(), envelopeId, new DateTimeOffset(e.OccurredAt));
        await PublishAsync(envelope, Subjects.ForEvent(e), natsMsgId);
        return envelope;
    }

    public async Task PublishAsync(EventEnvelope envelope, string subject, string? natsMsgId = null)
    {
        var js = new NatsJSContext(_nats!);
        var ack = await js.PublishAsync(Names.ToWire(subject), envelope.ToUtf8Bytes(), opts: new NatsJSPubOpts { MsgId = natsMsgId ?? envelope.Id.ToString() });
        ack.EnsureSuccess();
        Assert.False(ack.Duplicate, $"JetStream dropped {subject} as a duplicate");
    }

    public string TokenFor(string userName, params Role[] roles)
    {
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "nocode-access",
            Audience = "nocode",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                [Caller.SubjectClaim] = Guid.NewGuid().ToString(),
                [Caller.UserNameClaim] = userName,
                [Caller.RoleClaim] = roles.Select(r => r.ToString()).ToArray(),
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha256),
        });
    }

    public string TokenFor(string userName) => userName switch
    {
        "admin" => TokenFor(userName, Role.ADMIN, Role.APPROVER, Role.USER),
        "approver" => TokenFor(userName, Role.APPROVER, Role.USER),
        _ => TokenFor(userName, Role.USER),
    };

    /// <summary>A GraphQL request as <paramref name="userName"/>; fails the test on errors unless <paramref name="allowErrors"/>.</summary>
    public async Task<JsonElement> GraphQLAsync(string userName, string query, object? variables = null, bool allowErrors = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userName));
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement.Clone();
        if (!allowErrors)
        {
            Assert.False(root.TryGetProperty("errors", out _), body);
        }

        return root;
    }

    public async Task<T> WithDbAsync<T>(Func<NoticesDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NoticesDbContext>());
    }

    /// <summary>Until the consumer has written request <paramref name="id"/>'s myRequests row at <paramref name="version"/> or later.</summary>
    public Task WaitForMyRequestAsync(Guid id, long version) =>
        EventuallyAsync(
            () => WithDbAsync(db => db.MyRequests.AsNoTracking().AnyAsync(r => r.Id == id && r.LastVersion >= version)),
            TimeSpan.FromSeconds(30), $"myRequests row {id} at version {version}");

    /// <summary>What the events stream's size bound does to its head: every event before <paramref name="sequence"/> is gone. Returns how many went.</summary>
    public async Task<long> DiscardEventsBeforeAsync(ulong sequence) =>
        (await new NatsJSContext(_nats!).PurgeStreamAsync(Names.Stream(JetStreamTopology.EventsStream), new StreamPurgeRequest { Seq = sequence })).Purged;

    public Task<List<Notice>> NoticesAboutAsync(Guid subjectId) =>
        WithDbAsync(db => db.Notices.AsNoTracking().Where(n => n.SubjectId == subjectId).OrderBy(n => n.SubjectVersion).ThenBy(n => n.Recipient).ToListAsync());

    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (stopwatch.Elapsed < timeout)
            {
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    private static string AdminConnection()
    {
        if (Environment.GetEnvironmentVariable("NOCODE_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        return Environment.GetEnvironmentVariable("NOCODE_NOTICES_DB") is { Length: > 0 } notices
            ? new NpgsqlConnectionStringBuilder(notices) { Database = "postgres" }.ConnectionString
            : "Host=127.0.0.1;Port=15432;Username=nocode;Password=nocode;Database=postgres";
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
