using System.Collections.Concurrent;

namespace NocodeAI.Messaging.Tests.Infrastructure;

/// <summary>What handlers did, shared between the hosts of one test.</summary>
public sealed class Recorder
{
    public ConcurrentQueue<(Guid EnvelopeId, long Delivery, DateTimeOffset At)> Calls { get; } = new();

    public ConcurrentQueue<string> Names { get; } = new();

    public ConcurrentQueue<bool> AfterCommitSawCommittedRow { get; } = new();

    public int FailuresBeforeSuccess { get; set; }

    public Exception FailureToThrow { get; set; } = new InvalidOperationException("handler failed");

    /// <summary>Names whose handling always fails.</summary>
    public HashSet<string> Poison { get; } = [];

    /// <summary>A thing named "gate" waits for this before it is handled, so a test can pile up a backlog behind it.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the handler has reached the gate.</summary>
    public TaskCompletionSource AtGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The names each call of a run-taking handler got, in call order.</summary>
    public ConcurrentQueue<string[]> Runs { get; } = new();

    /// <summary>Name and database transaction of every call, in call order.</summary>
    public ConcurrentQueue<(string Name, Guid Transaction)> Transactions { get; } = new();
}

/// <summary>
/// Writes state and an outbox event through UnitOfWork as a service handler would, and registers an
/// after-commit action that checks, on another connection, that the state is really committed.
/// </summary>
public sealed class ThingCreatedHandler(
    TestDbContext db,
    IOutbox outbox,
    UnitOfWork<TestDbContext> unitOfWork,
    AfterCommit afterCommit,
    IServiceScopeFactory scopes,
    Recorder recorder) : IIntegrationEventHandler<ThingCreated>
{
    public async Task HandleAsync(ThingCreated @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (@event.Name == "gate")
        {
            recorder.AtGate.TrySetResult();
            await recorder.Gate.Task.WaitAsync(cancellationToken);
        }

        recorder.Calls.Enqueue((envelope.Id, 0, DateTimeOffset.UtcNow));
        recorder.Names.Enqueue(@event.Name);
        recorder.Transactions.Enqueue((@event.Name, db.Database.CurrentTransaction?.TransactionId ?? Guid.Empty));
        if (recorder.Poison.Contains(@event.Name))
        {
            db.Things.Add(new Thing { Id = @event.ThingId, Name = @event.Name, Version = 1 });
            await unitOfWork.CommitAsync(cancellationToken);
            throw new InvalidOperationException($"{@event.Name} cannot be handled");
        }

        if (recorder.Calls.Count <= recorder.FailuresBeforeSuccess)
        {
            db.Things.Add(new Thing { Id = @event.ThingId, Name = @event.Name, Version = 1 });
            await unitOfWork.CommitAsync(cancellationToken);
            throw recorder.FailureToThrow;
        }

        db.Things.Add(new Thing { Id = @event.ThingId, Name = @event.Name, Version = 1 });
        outbox.Enqueue(new ThingRenamed(@event.ThingId, @event.Name + "!"), @event.ThingId.ToString(), 2);
        afterCommit.Add(async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var other = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            recorder.AfterCommitSawCommittedRow.Enqueue(await other.Things.AnyAsync(t => t.Id == @event.ThingId, ct));
        });
        await unitOfWork.CommitAsync(cancellationToken);
    }
}

/// <summary>A job handler whose behaviour each test scripts.</summary>
public sealed class BuildThingHandler(JobScript script) : IJobHandler<BuildThing>
{
    public Task HandleAsync(BuildThing job, JobContext context, CancellationToken cancellationToken) => script.Run(job, context, cancellationToken);
}

public sealed class JobScript
{
    public Func<BuildThing, JobContext, CancellationToken, Task> Run { get; set; } = (_, _, _) => Task.CompletedTask;
}

public sealed class RecordingObserver : IEventObserver
{
    public ConcurrentQueue<EventEnvelope> Seen { get; } = new();

    public Task ObserveAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        Seen.Enqueue(envelope);
        return Task.CompletedTask;
    }
}

/// <summary>Records the dead letters it is told of; fails the first <see cref="FailuresBeforeSuccess"/> times.</summary>
public sealed class DeadLetterRecorder : IDeadLetterHandler
{
    public ConcurrentQueue<DeadLetter> Seen { get; } = new();

    public int FailuresBeforeSuccess { get; set; }

    private int _calls;

    public Task HandleAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) <= FailuresBeforeSuccess)
        {
            throw new InvalidOperationException("owner not ready");
        }

        Seen.Enqueue(deadLetter);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Takes runs of ThingCreated together, as a projection would: records each call's names and
/// transaction, adds every thing, saves once. A poison name anywhere in the run fails the whole call.
/// </summary>
public sealed class ThingsTogetherHandler(TestDbContext db, UnitOfWork<TestDbContext> unitOfWork, Recorder recorder) : IIntegrationEventBatchHandler
{
    public async Task HandleAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        var things = events.Select(e => (ThingCreated)e.Event).ToList();
        if (things.Any(t => t.Name == "gate"))
        {
            recorder.AtGate.TrySetResult();
            await recorder.Gate.Task.WaitAsync(cancellationToken);
        }

        recorder.Runs.Enqueue([.. things.Select(t => t.Name)]);
        recorder.Transactions.Enqueue((things[0].Name, db.Database.CurrentTransaction?.TransactionId ?? Guid.Empty));
        db.Things.AddRange(things.Select(t => new Thing { Id = t.ThingId, Name = t.Name, Version = 1 }));
        await unitOfWork.CommitAsync(cancellationToken);
        if (things.FirstOrDefault(t => recorder.Poison.Contains(t.Name)) is { } poison)
        {
            throw new InvalidOperationException($"{poison.Name} cannot be handled");
        }
    }
}
