namespace NocodeAI.Messaging;

/// <summary>
/// The subject scheme of SPEC §5, in one place: events on <c>nocode.&lt;context&gt;.&lt;Type&gt;</c>, jobs on
/// <c>nocode.jobs.&lt;queue&gt;.&lt;Type&gt;</c>, dead letters on <c>nocode.deadletter.&lt;consumer&gt;</c>.
/// These are logical subjects; <c>JetStreamNames</c> (in NocodeAI.Messaging) adds the test-isolation prefix on the wire.
/// </summary>
public static class Subjects
{
    public const string Root = "nocode";
    public const string JobsRoot = Root + ".jobs";
    public const string DeadLetterRoot = Root + ".deadletter";

    /// <summary>
    /// Every bounded context that publishes events. The events stream captures exactly these, so a
    /// new producer is added here (and nowhere else) before its first event can be stored.
    /// </summary>
    public static IReadOnlyList<string> EventContexts { get; } = ["models", "training", "targets", "extraction", "access", "notices"];

    /// <summary>The envelope type of an event or job: its CLR type name, e.g. <c>ModelApproved</c>.</summary>
    public static string TypeName(Type type) => type.Name;

    /// <summary>Subject of an event; the type comes from the runtime type so a base-typed variable still names the concrete event.</summary>
    public static string ForEvent<TEvent>(TEvent @event)
        where TEvent : IIntegrationEvent =>
        ForEvent(TEvent.Context, TypeName(@event?.GetType() ?? typeof(TEvent)));

    /// <summary>Subject of a concrete event type, e.g. for a consumer filter on one type.</summary>
    public static string ForEvent<TEvent>()
        where TEvent : IIntegrationEvent =>
        ForEvent(TEvent.Context, TypeName(typeof(TEvent)));

    public static string ForEvent(string context, string type)
    {
        if (!EventContexts.Contains(context))
        {
            throw new InvalidOperationException(
                $"Event context '{context}' is not captured by the events stream; add it to {nameof(Subjects)}.{nameof(EventContexts)}.");
        }

        return $"{Root}.{context}.{type}";
    }

    /// <summary>All events of one context, e.g. <c>nocode.training.&gt;</c>.</summary>
    public static string AllEventsOf(string context) => $"{Root}.{context}.>";

    public static string ForJob<TJob>()
        where TJob : IJob =>
        $"{JobsRoot}.{TJob.Queue}.{TypeName(typeof(TJob))}";

    public static string ForJob<TJob>(TJob job)
        where TJob : IJob =>
        $"{JobsRoot}.{TJob.Queue}.{TypeName(job?.GetType() ?? typeof(TJob))}";

    public static string DeadLetter(string consumer) => $"{DeadLetterRoot}.{consumer}";

    /// <summary>NATS subject matching: <c>*</c> matches one token, a trailing <c>&gt;</c> one or more.</summary>
    public static bool Matches(string filter, string subject)
    {
        var f = filter.Split('.');
        var s = subject.Split('.');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == ">")
            {
                return i == f.Length - 1 && s.Length > i;
            }

            if (i >= s.Length || (f[i] != "*" && f[i] != s[i]))
            {
                return false;
            }
        }

        return f.Length == s.Length;
    }
}
