namespace NocodeAI.Messaging;

/// <summary>
/// Scoped list of actions to run once the unit of work has committed, e.g. publishing the new state
/// to the change feed. They run after the commit, never before: subscribers must not see state that
/// might still roll back. A failing action is logged, not thrown, because the state is already committed.
/// </summary>
public sealed class AfterCommit(ILogger<AfterCommit> logger)
{
    private readonly List<Func<CancellationToken, Task>> _actions = [];

    public void Add(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _actions.Add(action);
    }

    /// <summary>Forgets the actions of a unit of work that did not commit.</summary>
    public void Clear() => _actions.Clear();

    /// <summary>Runs and forgets the registered actions; called by <see cref="UnitOfWork{TContext}"/> or the event consumer after commit.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var actions = _actions.ToArray();
        _actions.Clear();
        foreach (var action in actions)
        {
            try
            {
                await action(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "An after-commit action failed; the committed state is unaffected");
            }
        }
    }
}
