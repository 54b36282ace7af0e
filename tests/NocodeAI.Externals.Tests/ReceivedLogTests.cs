using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NocodeAI.Externals.Extensions;
using NocodeAI.Externals.Faults;
using NocodeAI.Externals.Recording;

namespace NocodeAI.Externals.Tests;

public sealed class ReceivedLogTests
{
    private const string SwingChat = ExternalSystems.SwingChat;
    private const string Midas = ExternalSystems.Midas;

    private static readonly JsonElement Payload = JsonSerializer.SerializeToElement(new { recipient = "analyst", title = "t", body = "b" });

    [Fact]
    public void Past_its_bound_the_log_forgets_the_oldest_keys_and_counts_them()
    {
        var log = SwingChatLog(keysKept: 3, "k1", "k2", "k3", "k4", "k5");

        var snapshot = log.Snapshot(SwingChat);
        Assert.Equal(["k3", "k4", "k5"], snapshot.Items.Select(i => i.IdempotencyKey));
        Assert.Equal(3, snapshot.Distinct);
        Assert.Equal(2, snapshot.Forgotten);
        Assert.Equal(5, snapshot.Calls);
        Assert.Null(log.Find(SwingChat, "k1"));
        Assert.Equal("ref-k5", log.Find(SwingChat, "k5")?.Reference);
    }

    [Fact]
    public void A_forgotten_key_sent_again_is_a_new_message()
    {
        var log = SwingChatLog(keysKept: 1, "old", "new");

        var (entry, duplicate) = log.Record(SwingChat, "old", Payload, "third");

        Assert.False(duplicate);
        Assert.Equal("third", entry.Reference);
        Assert.Equal(1, entry.Count);
    }

    [Fact]
    public void A_kept_key_sent_again_is_a_duplicate_and_pushes_nothing_out()
    {
        var log = SwingChatLog(keysKept: 2, "a", "b");

        var (entry, duplicate) = log.Record(SwingChat, "a", Payload, "ignored");

        Assert.True(duplicate);
        Assert.Equal("ref-a", entry.Reference);
        var snapshot = log.Snapshot(SwingChat);
        Assert.Equal(["a", "b"], snapshot.Items.Select(i => i.IdempotencyKey));
        Assert.Equal(0, snapshot.Forgotten);
        Assert.Equal(1, snapshot.Repeated);
    }

    [Fact]
    public void Each_system_keeps_its_own_keys()
    {
        var log = SwingChatLog(keysKept: 2, "n1");
        log.Record(Midas, "job", Payload, "midas-1");
        log.Record(SwingChat, "n2", Payload, "ref-n2");
        log.Record(SwingChat, "n3", Payload, "ref-n3");

        Assert.Equal("midas-1", log.Find(Midas, "job")?.Reference);
        Assert.Equal(0, log.Snapshot(Midas).Forgotten);
        Assert.Equal(1, log.Snapshot(SwingChat).Forgotten);
    }

    [Fact]
    public void The_stand_ins_registration_makes_a_log_with_the_default_bound()
    {
        // The registration Program.cs uses, so the bound a running stand-in gets is the one tested.
        var builder = WebApplication.CreateBuilder();
        builder.AddExternalStandIns();
        using var provider = builder.Services.BuildServiceProvider();
        var log = provider.GetRequiredService<ReceivedLog>();

        for (var i = 0; i <= ReceivedLog.DefaultKeysKept; i++)
        {
            log.Record(SwingChat, $"key-{i}", Payload, "ref");
        }

        var snapshot = log.Snapshot(SwingChat);
        Assert.Equal(ReceivedLog.DefaultKeysKept, snapshot.Distinct);
        Assert.Equal(1, snapshot.Forgotten);
        Assert.Null(log.Find(SwingChat, "key-0"));
    }

    [Fact]
    public void A_bound_below_one_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReceivedLog(TimeProvider.System, keysKept: 0));
        Assert.Equal("keysKept", error.ParamName);
    }

    /// <summary>A log that has taken the keys, in order, each answered with <c>ref-{key}</c>.</summary>
    private static ReceivedLog SwingChatLog(int keysKept, params string[] keys)
    {
        var log = new ReceivedLog(TimeProvider.System, keysKept);
        foreach (var key in keys)
        {
            log.Record(SwingChat, key, Payload, $"ref-{key}");
        }

        return log;
    }
}
