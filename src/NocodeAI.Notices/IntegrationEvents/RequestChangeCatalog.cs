using System.Diagnostics.CodeAnalysis;
using NocodeAI.Messaging;

namespace NocodeAI.Notices.IntegrationEvents;

/// <summary>
/// Every producer event this service understands, envelope type → <see cref="RequestChange"/>, and the
/// subject filters they arrive on. The durable consumers and the myRequests rebuild read the same
/// catalogue, so a replay applies exactly what the live consumers applied.
/// </summary>
public sealed class RequestChangeCatalog
{
    private readonly Dictionary<string, Mapping> _byType = new(StringComparer.Ordinal);
    private readonly List<string> _filterSubjects = [];

    /// <summary>One filter per durable consumer (NATS 2.9 honours a single filter per consumer).</summary>
    public IReadOnlyList<string> FilterSubjects => _filterSubjects;

    public IReadOnlyCollection<string> EventTypes => _byType.Keys;

    public void AddSource(string filterSubject)
    {
        ArgumentException.ThrowIfNullOrEmpty(filterSubject);
        if (!_filterSubjects.Contains(filterSubject))
        {
            _filterSubjects.Add(filterSubject);
        }
    }

    public void Add<TEvent>(Func<TEvent, EventEnvelope, RequestChange> map)
        where TEvent : IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(map);
        var type = Subjects.TypeName(typeof(TEvent));
        var mapping = new Mapping(typeof(TEvent), (@event, envelope) => map((TEvent)@event, envelope));
        if (!_byType.TryAdd(type, mapping))
        {
            throw new InvalidOperationException($"{type} is mapped twice; one mapping per event.");
        }
    }

    /// <summary>False for envelopes of types no mapping knows (the filters are wider than the mapped events).</summary>
    public bool TryTranslate(EventEnvelope envelope, [NotNullWhen(true)] out RequestChange? change)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_byType.TryGetValue(envelope.Type, out var mapping))
        {
            change = mapping.Map(envelope.GetData(mapping.EventType), envelope);
            return true;
        }

        change = null;
        return false;
    }

    /// <summary>The change of an event a consumer has already read; its type must be mapped.</summary>
    public RequestChange Translate(ReceivedEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        return _byType.TryGetValue(received.Envelope.Type, out var mapping)
            ? mapping.Map(received.Event, received.Envelope)
            : throw new InvalidOperationException($"{received.Envelope.Type} has no mapping to a request change.");
    }

    /// <summary>One mapped event type; the replay reads the data as <paramref name="EventType"/>, a consumer has it already.</summary>
    private sealed record Mapping(Type EventType, Func<object, EventEnvelope, RequestChange> Map);
}
