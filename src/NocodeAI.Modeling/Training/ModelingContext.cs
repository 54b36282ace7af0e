using System.Reflection;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace NocodeAI.Modeling;

internal static class ModelingContext
{
    private static readonly Action<MLContext>? CancelExecutionMethod = FindCancelExecution();

    /// <summary>
    /// A context per job: <see cref="Cancel"/> stops everything running on it. The tree learners' assemblies are
    /// registered explicitly so a process that only loads models (the extraction worker) can read them back.
    /// </summary>
    public static MLContext Create(int seed)
    {
        var context = new MLContext(seed);
        context.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryTrainer).Assembly);
        context.ComponentCatalog.RegisterAssembly(typeof(LightGbmBinaryTrainer).Assembly);
        return context;
    }

    /// <summary>Whether a running Fit can be interrupted (otherwise cancellation waits for the next checkpoint).</summary>
    public static bool CanCancelExecution => CancelExecutionMethod is not null;

    /// <summary>
    /// MLContext.CancelExecution makes every channel of the context throw OperationCanceledException at its next
    /// check (per tree, per LightGBM iteration, per L-BFGS step). ML.NET 5 keeps it internal, so it is reached by
    /// reflection; should a later version drop it, training is still cancelled at the stage checkpoints.
    /// </summary>
    public static void Cancel(MLContext context) => CancelExecutionMethod?.Invoke(context);

    private static Action<MLContext>? FindCancelExecution() =>
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
            ?.CreateDelegate<Action<MLContext>>();
}
