namespace NocodeAI.Messaging;

/// <summary>
/// An event another service may react to. Records live in the producer's contracts project; the
/// envelope type is the CLR type name (<c>ModelApproved</c>) and the subject is
/// <c>nocode.&lt;Context&gt;.&lt;Type&gt;</c>.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The producing bounded context, e.g. <c>models</c>; one of <see cref="Subjects.EventContexts"/>.</summary>
    static abstract string Context { get; }
}

/// <summary>
/// A unit of work for a worker pool, sent through the same outbox and envelope on
/// <c>nocode.jobs.&lt;Queue&gt;.&lt;Type&gt;</c> and taken by exactly one worker.
/// </summary>
public interface IJob
{
    /// <summary>The queue name, e.g. <c>training</c>.</summary>
    static abstract string Queue { get; }
}
