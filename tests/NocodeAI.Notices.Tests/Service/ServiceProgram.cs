using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NocodeAI.Notices.Tests.Service;

/// <summary>Runs the notices service's real entry point (Program.cs) in this process.</summary>
internal static class ServiceProgram
{
    public static Task<int> RunAsync(string[] args)
    {
        var entryPoint = typeof(NoticesSchema).Assembly.EntryPoint
            ?? throw new InvalidOperationException("NocodeAI.Notices has no entry point.");
        return Task.Factory.StartNew(() =>
        {
            try
            {
                return entryPoint.Invoke(null, [args]) is int code ? code : 0;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
