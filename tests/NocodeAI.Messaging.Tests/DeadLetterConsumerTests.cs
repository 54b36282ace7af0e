using Microsoft.Extensions.Hosting;

namespace NocodeAI.Messaging.Tests;

/// <summary>Giving up on a message is never silent: the owner of the consumer's work is told, once.</summary>
public sealed class DeadLetterConsumerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_owner_is_told_once_of_each_dead_letter_of_its_consumers_and_of_no_others()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var recorder = new Recorder();
        recorder.Poison.Add("doomed");
        var owner = new DeadLetterRecorder { FailuresBeforeSuccess = 1 };
        var host = env.BuildHost(s =>
        {
            s.AddSingleton(recorder).AddSingleton(owner);
            s.AddEventConsumer<TestDbContext>("things-doomed", "nocode.models.ThingCreated", o =>
                {
                    o.MaxDeliver = 2;
                    o.RetryDelay = TimeSpan.FromMilliseconds(100);
                })
                .Handle<ThingCreated, ThingCreatedHandler>();
            s.AddDeadLetterConsumer<TestDbContext, DeadLetterRecorder>("things-owner", ["things-doomed"], o => o.RetryDelay = TimeSpan.FromMilliseconds(100));
        });
        await TestEnvironment.StartAsync(host);

        // Someone else's dead letter, published first: passed over.
        var strangerId = Guid.NewGuid();
        var stranger = EventEnvelope.Create(new ThingCreated(strangerId, "stranger", Shade.DARK_RED), strangerId.ToString(), 1, new MessageContext());
        await env.PublishRawAsync("nocode.deadletter.someone-else", stranger.ToUtf8Bytes());

        var thingId = Guid.NewGuid();
        var doomed = EventEnvelope.Create(new ThingCreated(thingId, "doomed", Shade.DARK_RED), thingId.ToString(), 7, new MessageContext());
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync("nocode.models.ThingCreated", doomed);

        await Poll.UntilAsync(() => !owner.Seen.IsEmpty, Patience, "the owner to be told");
        await Poll.UntilAsync(
            () => env.ConsumerInfoAsync(JetStreamTopology.DeadLetterStream, "things-owner"),
            i => i is { NumPending: 0, NumAckPending: 0 },
            Patience,
            "the owner's consumer to acknowledge both dead letters");

        var told = Assert.Single(owner.Seen);
        Assert.Equal("things-doomed", told.Consumer);
        Assert.Equal("nocode.models.ThingCreated", told.Subject);
        Assert.Equal("doomed cannot be handled", told.Error);
        Assert.Equal(2, told.DeliveryCount);
        Assert.Equal(doomed.Id, told.Envelope!.Id);
        Assert.Equal(thingId.ToString(), told.Envelope.AggregateId);
        Assert.True(told.Sequence > 0);
        Assert.Equal("things-doomed gave up on ThingCreated after 2 deliveries: doomed cannot be handled", told.Describe());
        await using var db = env.CreateDbContext();
        Assert.Equal(1, await db.Set<InboxMessage>().CountAsync(i => i.Consumer == "things-owner"));
    }

    [Fact]
    public async Task A_dead_letter_stream_made_again_still_has_its_letters_told_though_it_counts_from_one_again()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var owner = new DeadLetterRecorder();
        IHost StartOwner() => env.BuildHost(s =>
        {
            s.AddSingleton(owner);
            s.AddDeadLetterConsumer<TestDbContext, DeadLetterRecorder>("things-owner", ["things-doomed"], o => o.RetryDelay = TimeSpan.FromMilliseconds(100));
        });
        async Task DeadLetterAsync(string name)
        {
            var thingId = Guid.NewGuid();
            var envelope = EventEnvelope.Create(new ThingCreated(thingId, name, Shade.DARK_RED), thingId.ToString(), 1, new MessageContext());
            await env.PublishRawAsync("nocode.deadletter.things-doomed", envelope.ToUtf8Bytes());
        }

        var first = StartOwner();
        await TestEnvironment.StartAsync(first);
        await DeadLetterAsync("before");
        await Poll.UntilAsync(() => owner.Seen.Count == 1, Patience, "the owner to be told of the first stream's letter");
        await first.StopAsync();

        // What emptying a full NATS store does: the stream is made again and counts from 1.
        await env.JetStream().DeleteStreamAsync(env.Names.Stream(JetStreamTopology.DeadLetterStream));
        var second = StartOwner();
        await TestEnvironment.StartAsync(second);
        await DeadLetterAsync("after");
        await Poll.UntilAsync(() => owner.Seen.Count == 2, Patience, "the owner to be told of the new stream's letter");

        Assert.Equal(["before", "after"], owner.Seen.Select(d => d.Envelope!.GetData<ThingCreated>().Name));
        Assert.All(owner.Seen, d => Assert.Equal(1ul, d.Sequence));
        await using var db = env.CreateDbContext();
        Assert.Equal(2, await db.Set<InboxMessage>().CountAsync(i => i.Consumer == "things-owner"));
    }
}
