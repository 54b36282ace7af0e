using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NocodeAI.Access.Tests.Service;

/// <summary>Runs the access service's real entry point (Program.cs) in this process.</summary>
internal static class ServiceProgram
{
    public static Task RunAsync(string[] args)
    {
        var entryPoint = typeof(AccessSchema).Assembly.EntryPoint
            ?? throw new InvalidOperationException("NocodeAI.Access has no entry point.");
        return Task.Factory.StartNew(() =>
        {
            try
            {
                entryPoint.Invoke(null, [args]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
