using System.Diagnostics;
using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>An event as JetStream stores it: its stream sequence, headers and body.</summary>
public sealed record StoredEvent(string Stream, ulong Sequence, string Subject, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// Direct access to the saga's JetStream (SPEC §5), for what cannot be observed through GraphQL:
/// reading an envelope the services published, publishing one again, and knowing when every
/// consumer of a subject has acknowledged a given message.
/// </summary>
public sealed class JetStreamEvents : IAsyncDisposable
{
    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;

    private JetStreamEvents(NatsConnection connection)
    {
        _connection = connection;
        _js = new NatsJSContext(connection);
    }

    public static async Task<JetStreamEvents> ConnectAsync()
    {
        var connection = new NatsConnection(new NatsOpts { Url = NocodeSystem.NatsUrl, Name = "nocode-integration-tests" });
        await connection.ConnectAsync();
        return new JetStreamEvents(connection);
    }

    /// <summary>The stream that stores <paramref name="subject"/>; fails when none does.</summary>
    public async Task<string> StreamForAsync(string subject)
    {
        await foreach (var name in _js.ListStreamNamesAsync(subject))
        {
            return name;
        }

        throw new XunitException($"No JetStream stream stores the subject {subject}.");
    }

    /// <summary>The sequence of the oldest message <paramref name="stream"/> still holds; above 1, older ones were discarded.</summary>
    public async Task<ulong> FirstSequenceAsync(string stream) => (await _js.GetStreamAsync(stream)).Info.State.FirstSeq;

    /// <summary>The last message stored on <paramref name="subject"/>, or null when there is none.</summary>
    public async Task<StoredEvent?> LastAsync(string subject)
    {
        var streamName = await StreamForAsync(subject);
        var stream = (NatsJSStream)await _js.GetStreamAsync(streamName);
        StreamMsgGetResponse response;
        try
        {
            response = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = subject });
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return null;
        }

        var message = response.Message;
        return new StoredEvent(streamName, message.Seq, message.Subject, ParseHeaders(message.Hdrs), DecodeBody(message.Data));
    }

    /// <summary>Publishes and returns the stream sequence; fails when JetStream drops it as a duplicate.</summary>
    public async Task<ulong> PublishAsync(string subject, string body, IReadOnlyDictionary<string, string> headers)
    {
        var natsHeaders = new NatsHeaders();
        foreach (var (key, value) in headers)
        {
            natsHeaders[key] = value;
        }

        var ack = await _js.PublishAsync(subject, Encoding.UTF8.GetBytes(body), headers: natsHeaders);
        ack.EnsureSuccess();
        if (ack.Duplicate)
        {
            throw new XunitException($"JetStream dropped the message on {subject} as a duplicate (Nats-Msg-Id {headers.GetValueOrDefault("Nats-Msg-Id")}).");
        }

        return ack.Seq;
    }

    /// <summary>
    /// Waits until every consumer that receives <paramref name="subject"/> has acknowledged all
    /// messages up to <paramref name="sequence"/> (its ack floor passed it): the handlers have run.
    /// With <paramref name="consumerNameHint"/>, only consumers whose name contains it count when there
    /// are any, so a durable consumer of a service that is not running does not hold the wait.
    /// </summary>
    public async Task WaitUntilAcknowledgedAsync(string subject, ulong sequence, TimeSpan timeout, string? consumerNameHint = null)
    {
        var streamName = await StreamForAsync(subject);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var consumers = new List<ConsumerInfo>();
            await foreach (var consumer in _js.ListConsumersAsync(streamName))
            {
                if (Receives(consumer.Info.Config, subject))
                {
                    consumers.Add(consumer.Info);
                }
            }

            if (consumerNameHint is not null && consumers.Any(c => c.Name.Contains(consumerNameHint, StringComparison.OrdinalIgnoreCase)))
            {
                consumers = consumers.Where(c => c.Name.Contains(consumerNameHint, StringComparison.OrdinalIgnoreCase)).ToList();
            }

            if (consumers.Count == 0)
            {
                throw new XunitException($"No consumer of stream {streamName} receives {subject}.");
            }

            var behind = consumers.Where(c => c.AckFloor.StreamSeq < sequence).ToList();
            if (behind.Count == 0)
            {
                return;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException(
                    $"Not every consumer of {subject} acknowledged stream sequence {sequence} within {timeout.TotalSeconds:0} s: " +
                    string.Join("; ", behind.Select(c => $"{c.Name} ack floor {c.AckFloor.StreamSeq}, pending acks {c.NumAckPending}, redelivered {c.NumRedelivered}")));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>
    /// Waits until the durable consumer <paramref name="consumerName"/> has nothing left to do: no message
    /// of its stream waits for delivery (NumPending 0) and none delivered is unacknowledged (NumAckPending 0,
    /// which also counts one held back for a retry). Every message already stored for it has then been
    /// handled; what is not yet stored (an unpublished outbox row) is not covered.
    /// </summary>
    public async Task WaitUntilIdleAsync(string consumerName, TimeSpan timeout, string because)
    {
        var stream = await StreamOfConsumerAsync(consumerName);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var info = (await _js.GetConsumerAsync(stream, consumerName)).Info;
            if (IsIdle(info))
            {
                return;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException(
                    $"Consumer {consumerName} of {stream} was not idle within {timeout.TotalSeconds:0} s, waited for {because}: {Describe(info)}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>
    /// Waits until every durable consumer of <paramref name="streams"/> is idle (as
    /// <see cref="WaitUntilIdleAsync"/> means it); returns how many consumers there are.
    /// </summary>
    public async Task<int> WaitUntilAllIdleAsync(IReadOnlyList<string> streams, TimeSpan timeout, string because)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var busy = new List<string>();
            var count = 0;
            foreach (var stream in streams)
            {
                await foreach (var consumer in _js.ListConsumersAsync(stream))
                {
                    count++;
                    if (!IsIdle(consumer.Info))
                    {
                        busy.Add($"{stream}/{consumer.Info.Name}: {Describe(consumer.Info)}");
                    }
                }
            }

            if (busy.Count == 0)
            {
                return count;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException($"Consumers not idle within {timeout.TotalSeconds:0} s, waited for {because}: {string.Join("; ", busy)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static bool IsIdle(ConsumerInfo info) => info.NumPending == 0 && info.NumAckPending == 0;

    private static string Describe(ConsumerInfo info) =>
        $"{info.NumPending} pending, {info.NumAckPending} awaiting acknowledgement, {info.NumRedelivered} redelivered, ack floor {info.AckFloor.StreamSeq}";

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>The stream holding the durable consumer <paramref name="consumerName"/>; fails when none does.</summary>
    private async Task<string> StreamOfConsumerAsync(string consumerName)
    {
        var streams = new List<string>();
        await foreach (var stream in _js.ListStreamNamesAsync())
        {
            streams.Add(stream);
            await foreach (var name in _js.ListConsumerNamesAsync(stream))
            {
                if (name == consumerName)
                {
                    return stream;
                }
            }
        }

        throw new XunitException($"No JetStream consumer is named {consumerName} (streams: {string.Join(", ", streams)}); see {nameof(Consumers)}.");
    }

    /// <summary>NATS subject matching: <c>*</c> is one token, <c>&gt;</c> the rest.</summary>
    public static bool SubjectMatches(string filter, string subject)
    {
        var filterTokens = filter.Split('.');
        var subjectTokens = subject.Split('.');
        for (var i = 0; i < filterTokens.Length; i++)
        {
            if (filterTokens[i] == ">")
            {
                return subjectTokens.Length > i;
            }

            if (i >= subjectTokens.Length || (filterTokens[i] != "*" && filterTokens[i] != subjectTokens[i]))
            {
                return false;
            }
        }

        return filterTokens.Length == subjectTokens.Length;
    }

    private static bool Receives(ConsumerConfig config, string subject)
    {
        var filters = new List<string>();
        if (!string.IsNullOrEmpty(config.FilterSubject))
        {
            filters.Add(config.FilterSubject);
        }

        if (config.FilterSubjects is { } many)
        {
            filters.AddRange(many);
        }

        return filters.Count == 0 || filters.Any(f => SubjectMatches(f, subject));
    }

    /// <summary>The JetStream API returns headers as base64 of the <c>NATS/1.0</c> header block.</summary>
    private static Dictionary<string, string> ParseHeaders(string? encoded)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(encoded))
        {
            return headers;
        }

        string block;
        try
        {
            block = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            block = encoded;
        }

        foreach (var line in block.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return headers;
    }

    private static string DecodeBody(ReadOnlyMemory<byte> data)
    {
        var text = Encoding.UTF8.GetString(data.Span);
        if (text.TrimStart().StartsWith('{'))
        {
            return text;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return text;
        }
    }
}
