using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace NocodeAI.Messaging.Tests.Infrastructure;

/// <summary>
/// One test's private slice of the shared infrastructure: its own database schema and its own stream
/// and subject prefix, so tests never see each other's rows or messages (nor the running system's).
/// </summary>
public sealed class TestEnvironment : IAsyncDisposable
{
    public static readonly string PostgresConnectionString =
        Environment.GetEnvironmentVariable("NOCODE_TEST_PG") is { Length: > 0 } pg
            ? pg
            : "Host=127.0.0.1;Port=15432;Username=nocode;Password=nocode;Database=messaging_tests";

    public static readonly string SharedNatsUrl =
        Environment.GetEnvironmentVariable("NOCODE_TEST_NATS") is { Length: > 0 } nats ? nats : "nats://127.0.0.1:14222";

    /// <summary>The size bound of a test's events and dead-letter streams (the services' are far larger).</summary>
    public const long TestStreamBytes = 16L << 20;

    private readonly List<IHost> _hosts = [];
    private readonly List<NatsConnection> _connections = [];

    private TestEnvironment(string id) => Id = id;

    /// <summary>Schema name and stream/subject prefix, e.g. <c>t3f9a0c1e</c>.</summary>
    public string Id { get; }

    public JetStreamNames Names => new(Id);

    public static async Task<TestEnvironment> CreateAsync()
    {
        var environment = new TestEnvironment($"t{Guid.NewGuid():N}"[..12]);
        await using var db = environment.CreateDbContext();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync())
        {
            await creator.CreateAsync();
        }

        await creator.CreateTablesAsync();
        return environment;
    }

    public TestDbContext CreateDbContext() => new(
        new DbContextOptionsBuilder<TestDbContext>()
            .UseNpgsql(PostgresConnectionString)
            .ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>()
            .Options,
        new TestSchema(Id));

    /// <summary>A service host wired exactly as a service would wire it, pointed at this test's slice.</summary>
    public IHost BuildHost(
        Action<IServiceCollection> configure,
        string? natsUrl = null,
        bool withDatabase = true,
        IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nats:Url"] = natsUrl ?? SharedNatsUrl,
            ["Nats:StreamPrefix"] = Id,
            ["Nats:PublishTimeout"] = "00:00:02",
            ["Outbox:SweepInterval"] = "00:00:00.200",
            ["Outbox:MaxRetryDelay"] = "00:00:01",
            // The server reserves a stream's bound out of its store for as long as the stream lives:
            // a test's streams hold a few hundred messages, and leave room for every other test's.
            ["Nats:EventsMaxBytes"] = TestStreamBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Nats:DeadLetterMaxBytes"] = TestStreamBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.AddNocodeMessaging();
        if (withDatabase)
        {
            builder.Services.AddSingleton(new TestSchema(Id));
            builder.Services.AddDbContext<TestDbContext>((sp, o) => o
                .UseNpgsql(PostgresConnectionString)
                .ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>()
                .AddOutboxInterceptor(sp));
            builder.Services.AddOutbox<TestDbContext>();
        }

        configure(builder.Services);
        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    /// <summary>Starts the host and waits until its streams are provisioned, as readiness would.</summary>
    public static async Task StartAsync(IHost host)
    {
        await host.StartAsync();
        var topology = host.Services.GetRequiredService<JetStreamTopology>();
        await Poll.UntilAsync(() => topology.IsProvisioned, TimeSpan.FromSeconds(20), "the streams to be provisioned");
    }

    public NatsJSContext JetStream(string? natsUrl = null)
    {
        var connection = new NatsConnection(new NatsOpts { Url = natsUrl ?? SharedNatsUrl });
        _connections.Add(connection);
        return new NatsJSContext(connection);
    }

    /// <summary>
    /// A consumer's state, or null while it does not exist yet: a service creates its consumer once it
    /// holds the consumer's lease, which may be after the host has started.
    /// </summary>
    public async Task<ConsumerInfo?> ConsumerInfoAsync(string stream, string consumer)
    {
        try
        {
            return (await JetStream().GetConsumerAsync(Names.Stream(stream), consumer)).Info;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return null;
        }
    }

    /// <summary>Every message in <paramref name="stream"/> on a logical subject filter, read without disturbing other consumers.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ReadAsync(string stream, string filterSubject, string? natsUrl = null)
    {
        var js = JetStream(natsUrl);
        var info = await js.GetStreamAsync(Names.Stream(stream), new StreamInfoRequest { SubjectsFilter = Names.ToWire(filterSubject) });
        var total = info.Info.State.Subjects?.Values.Sum() ?? 0;
        if (total == 0)
        {
            return [];
        }

        var consumer = await js.CreateOrUpdateConsumerAsync(Names.Stream(stream), new ConsumerConfig
        {
            Name = $"reader-{Guid.NewGuid():N}",
            FilterSubject = Names.ToWire(filterSubject),
            AckPolicy = ConsumerConfigAckPolicy.None,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            InactiveThreshold = TimeSpan.FromSeconds(30),
        });
        var messages = new List<StoredMessage>();
        await foreach (var msg in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = (int)total, Expires = TimeSpan.FromSeconds(5) }))
        {
            var headers = msg is NatsJSMsg<byte[]> concrete && concrete.Headers is { } h
                ? h.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            messages.Add(new StoredMessage(Names.FromWire(msg.Subject), headers, msg.Data ?? []));
        }

        await js.DeleteConsumerAsync(Names.Stream(stream), consumer.Info.Name);
        return messages;
    }

    public async Task PublishRawAsync(string subject, byte[] payload, string? messageId = null, string? natsUrl = null)
    {
        var ack = await JetStream(natsUrl).PublishAsync(Names.ToWire(subject), payload, opts: new NatsJSPubOpts { MsgId = messageId });
        ack.EnsureSuccess();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
            }

            await ((IAsyncDisposable)host).DisposeAsync();
        }

        try
        {
            var js = JetStream();
            foreach (var stream in new[] { JetStreamTopology.EventsStream, JetStreamTopology.JobsStream, JetStreamTopology.DeadLetterStream })
            {
                try
                {
                    await js.DeleteStreamAsync(Names.Stream(stream));
                }
                catch (NatsJSApiException)
                {
                    // Not created in this test.
                }
            }
        }
        finally
        {
            foreach (var connection in _connections)
            {
                await connection.DisposeAsync();
            }

            await using var db = CreateDbContext();
            // The id is ours (t + hex), not input; identifiers cannot be SQL parameters.
            var drop = $"DROP SCHEMA IF EXISTS \"{Id}\" CASCADE";
            await db.Database.ExecuteSqlRawAsync(drop);
        }
    }
}

public sealed record StoredMessage(string Subject, IReadOnlyDictionary<string, string> Headers, byte[] Data)
{
    public EventEnvelope Envelope => EventEnvelope.Parse(Data);
}
