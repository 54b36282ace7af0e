using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NocodeAI.Messaging;

// ./nocode deadletters list | show <sequence> | replay <sequence>
// Reads the dead-letter stream (SPEC §5) without disturbing its consumers: an ordered, unacknowledged view.
var url = Environment.GetEnvironmentVariable("Nats__Url") ?? "nats://127.0.0.1:14222";
var names = new JetStreamNames(Environment.GetEnvironmentVariable("Nats__StreamPrefix"));
var command = args.FirstOrDefault() ?? "list";
await using var connection = new NatsConnection(NatsOpts.Default with { Url = url, Name = "nocode-deadletters" });
var js = new NatsJSContext(connection);
var stream = names.Stream(JetStreamTopology.DeadLetterStream);

switch (command)
{
    case "list":
        var count = 0;
        await foreach (var listed in ReadAllAsync())
        {
            count++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{listed.Sequence,6}  {listed.DeadLetteredAt:yyyy-MM-dd HH:mm:ss}  {listed.Consumer,-26} {listed.Envelope?.Type ?? listed.Subject,-22} {listed.Envelope?.AggregateId ?? "-",-36}  {Shorten(listed.Error, 60)}"));
        }

        Console.WriteLine(count == 0 ? "No dead letters." : $"{count} dead letter(s). ./nocode deadletters show <sequence> for one.");
        return 0;
    case "show" when args.Length == 2 && ulong.TryParse(args[1], out var sequence):
        var shown = await GetAsync(sequence);
        if (shown is null)
        {
            return NotFound(sequence);
        }

        var (one, body) = shown.Value;
        Console.WriteLine($"sequence:      {one.Sequence}");
        Console.WriteLine($"dead-lettered: {one.DeadLetteredAt:O}");
        Console.WriteLine($"consumer:      {one.Consumer}");
        Console.WriteLine($"subject:       {one.Subject}");
        Console.WriteLine($"deliveries:    {one.DeliveryCount}");
        Console.WriteLine($"error:         {one.ErrorType}: {one.Error}");
        Console.WriteLine($"aggregate:     {one.Envelope?.AggregateId ?? "-"} (version {one.Envelope?.AggregateVersion.ToString(CultureInfo.InvariantCulture) ?? "-"})");
        Console.WriteLine($"correlation:   {one.Envelope?.CorrelationId ?? "-"}");
        Console.WriteLine("message:");
        Console.WriteLine(System.Text.Encoding.UTF8.GetString(body));
        return 0;
    case "replay" when args.Length == 2 && ulong.TryParse(args[1], out var sequence):
        var found = await GetAsync(sequence);
        if (found is null)
        {
            return NotFound(sequence);
        }

        var (deadLetter, original) = found.Value;
        if (deadLetter.Subject.Length == 0)
        {
            Console.Error.WriteLine($"Dead letter {sequence} does not say which subject it came from; it cannot be replayed.");
            return 1;
        }

        // A new message id: the original one may still be inside the stream's duplicate window. The
        // consumers' inboxes still drop an event that was handled after all.
        var ack = await js.PublishAsync(names.ToWire(deadLetter.Subject), original, opts: new NatsJSPubOpts { MsgId = $"replay:{stream}:{sequence}:{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}" });
        ack.EnsureSuccess();
        Console.WriteLine($"Replayed dead letter {sequence} of {deadLetter.Consumer} to {deadLetter.Subject} (stream {ack.Stream}, sequence {ack.Seq}).");
        Console.WriteLine("A request its owner already failed stays FAILED; replay is for work whose owner has not given up (notices, projections).");
        return 0;
    default:
        Console.Error.WriteLine("usage: ./nocode deadletters list | show <sequence> | replay <sequence>");
        return 2;
}

async IAsyncEnumerable<DeadLetter> ReadAllAsync()
{
    INatsJSStream info;
    try
    {
        info = await js.GetStreamAsync(stream);
    }
    catch (NatsJSApiException ex) when (ex.Error.Code == 404)
    {
        yield break;
    }

    if (info.Info.State.Messages == 0)
    {
        yield break;
    }

    var consumer = await js.CreateOrderedConsumerAsync(stream, new NatsJSOrderedConsumerOpts { DeliverPolicy = ConsumerConfigDeliverPolicy.All });
    await foreach (var msg in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = (int)Math.Min(info.Info.State.Messages, 10_000), Expires = TimeSpan.FromSeconds(5) }))
    {
        yield return DeadLetters.Read(msg, names);
    }
}

async Task<(DeadLetter DeadLetter, byte[] Body)?> GetAsync(ulong sequence)
{
    try
    {
        var consumer = await js.CreateOrderedConsumerAsync(stream, new NatsJSOrderedConsumerOpts { DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence, OptStartSeq = sequence });
        var msg = await consumer.NextAsync<byte[]>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) });
        return msg is not null && msg.Metadata?.Sequence.Stream == sequence ? (DeadLetters.Read(msg, names), msg.Data ?? []) : null;
    }
    catch (NatsJSApiException ex) when (ex.Error.Code == 404)
    {
        return null;
    }
}

static int NotFound(ulong sequence)
{
    Console.Error.WriteLine($"No dead letter has sequence {sequence}; ./nocode deadletters list shows them.");
    return 1;
}

static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
