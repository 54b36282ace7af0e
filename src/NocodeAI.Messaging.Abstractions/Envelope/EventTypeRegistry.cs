using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace NocodeAI.Messaging;

/// <summary>
/// Envelope type name ⇄ CLR type, filled as handlers, jobs and outgoing events are registered. The
/// type name is only the CLR name, so two contracts declaring the same name would be confused on the
/// wire; the registry refuses that at start-up instead.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly ConcurrentDictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public void Register(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = Subjects.TypeName(type);
        var existing = _byName.GetOrAdd(name, type);
        if (existing != type)
        {
            throw new InvalidOperationException(
                $"Envelope type '{name}' is claimed by both {existing.FullName} and {type.FullName}; rename one of them.");
        }
    }

    public void Register<T>() => Register(typeof(T));

    public bool TryGetType(string name, [NotNullWhen(true)] out Type? type) => _byName.TryGetValue(name, out type);

    public IReadOnlyCollection<string> Names => _byName.Keys.ToArray();
}
