using Microsoft.Extensions.Options;

namespace NocodeAI.Messaging;

/// <summary>Maps logical stream names and subjects to what is on the wire (see <see cref="NatsOptions.StreamPrefix"/>).</summary>
public sealed class JetStreamNames
{
    private readonly string _prefix;

    public JetStreamNames(IOptions<NatsOptions> options)
        : this(options?.Value.StreamPrefix)
    {
    }

    public JetStreamNames(string? prefix) => _prefix = prefix ?? string.Empty;

    public string Stream(string name) => _prefix.Length == 0 ? name : $"{_prefix}_{name}";

    public string ToWire(string subject) => _prefix.Length == 0 ? subject : $"{_prefix}.{subject}";

    public string FromWire(string subject) =>
        _prefix.Length > 0 && subject.StartsWith(_prefix + ".", StringComparison.Ordinal) ? subject[(_prefix.Length + 1)..] : subject;
}
