namespace NocodeAI.Externals.Recording;

/// <summary>
/// What each stand-in received, for tests and for a person (<c>GET /_admin/received</c>): one entry per
/// idempotency key with how many times it arrived, so a test can prove nothing was sent twice.
/// In memory: a restart forgets everything, and each system keeps its latest <paramref name="keysKept"/>
/// keys (the oldest go first), so a stand-in that has taken millions of notices in a benchmark does not
/// hold them all. A key older than that is no longer known: the same key again counts as a new message,
/// as it would past a real webhook's idempotency window.
/// </summary>
public sealed class ReceivedLog(TimeProvider clock, int keysKept = ReceivedLog.DefaultKeysKept)
{
    /// <summary>
    /// Far more than the tests send (a few thousand). Measured with it: the stand-in process at 225 MB
    /// resident after 80,000 SwingChat calls (unbounded, it had reached 534 MB after a few bench runs).
    /// </summary>
    public const int DefaultKeysKept = 50_000;

    private readonly int _keysKept = keysKept >= 1 ? keysKept : throw new ArgumentOutOfRangeException(nameof(keysKept), keysKept, "Keep at least one key.");

    private readonly Dictionary<string, SystemLog> _systems = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Records an accepted call; <c>Duplicate</c> is true when the key was seen before (nothing new is sent).</summary>
    public (ReceivedEntry Entry, bool Duplicate) Record(string system, string idempotencyKey, JsonElement payload, string reference)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var log = Log(system);
            log.Calls++;
            if (log.Entries.TryGetValue(idempotencyKey, out var existing))
            {
                var again = existing with { Count = existing.Count + 1, LastReceivedAt = now };
                log.Entries[idempotencyKey] = again;
                return (again, true);
            }

            var entry = new ReceivedEntry(idempotencyKey, 1, now, now, reference, payload.Clone());
            log.Entries[idempotencyKey] = entry;
            log.Order.Enqueue(idempotencyKey);
            while (log.Order.Count > _keysKept)
            {
                log.Entries.Remove(log.Order.Dequeue());
                log.Forgotten++;
            }

            return (entry, false);
        }
    }

    public ReceivedEntry? Find(string system, string idempotencyKey)
    {
        lock (_lock)
        {
            return Log(system).Entries.GetValueOrDefault(idempotencyKey);
        }
    }

    /// <summary>A call answered with an injected fault (nothing recorded, nothing sent).</summary>
    public void CountFault(string system)
    {
        lock (_lock)
        {
            var log = Log(system);
            log.Calls++;
            log.Faulted++;
        }
    }

    /// <summary>A call refused for a bad token or a malformed request.</summary>
    public void CountRejected(string system)
    {
        lock (_lock)
        {
            var log = Log(system);
            log.Calls++;
            log.Rejected++;
        }
    }

    public ReceivedSnapshot Snapshot(string system)
    {
        lock (_lock)
        {
            var log = Log(system);
            var items = log.Order.Select(k => log.Entries[k]).ToList();
            return new ReceivedSnapshot(system, log.Calls, log.Faulted, log.Rejected, items.Count, items.Count(i => i.Count > 1), log.Forgotten, items);
        }
    }

    public void Clear(string? system)
    {
        lock (_lock)
        {
            if (system is null)
            {
                _systems.Clear();
            }
            else
            {
                _systems.Remove(system);
            }
        }
    }

    private SystemLog Log(string system)
    {
        if (!_systems.TryGetValue(system, out var log))
        {
            log = new SystemLog();
            _systems[system] = log;
        }

        return log;
    }

    private sealed class SystemLog
    {
        public Dictionary<string, ReceivedEntry> Entries { get; } = new(StringComparer.Ordinal);

        /// <summary>The keys in the order they first arrived: the front is the next to be forgotten.</summary>
        public Queue<string> Order { get; } = new();

        public long Calls { get; set; }

        public long Faulted { get; set; }

        public long Rejected { get; set; }

        public long Forgotten { get; set; }
    }
}

/// <param name="Count">How many calls carried this key; more than 1 means the caller repeated itself (answered idempotently, sent once).</param>
/// <param name="Reference">What the stand-in answered with: the SwingChat message id or the MIDAS job id.</param>
public sealed record ReceivedEntry(string IdempotencyKey, int Count, DateTimeOffset FirstReceivedAt, DateTimeOffset LastReceivedAt, string Reference, JsonElement Payload);

/// <param name="Calls">Every call, including faulted and rejected ones.</param>
/// <param name="Distinct">Distinct idempotency keys accepted and still kept: what was actually sent.</param>
/// <param name="Repeated">Kept keys that arrived more than once.</param>
/// <param name="Forgotten">Keys dropped to keep the log bounded, oldest first (not in <c>Items</c>).</param>
public sealed record ReceivedSnapshot(string System, long Calls, long Faulted, long Rejected, int Distinct, int Repeated, long Forgotten, IReadOnlyList<ReceivedEntry> Items);
