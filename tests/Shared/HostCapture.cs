using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NocodeAI.Tests.Shared;

/// <summary>
/// Catches the host that the service's own Program builds, the way WebApplicationFactory does:
/// .NET's host builder announces every built host on the "Microsoft.Extensions.Hosting" diagnostic
/// listener. The host is recognised by a marker passed on the command line, so hosts built by
/// other tests running at the same time are ignored. Compiled into each test project that starts a
/// service's real Program (linked from tests/Shared), so there is one copy.
/// </summary>
internal sealed class HostCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string MarkerKey = "Tests:Instance";

    private readonly string _marker;
    private readonly TaskCompletionSource<IHost> _host = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _lock = new();

    public HostCapture(string marker)
    {
        _marker = marker;
        lock (_lock)
        {
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }
    }

    public Task<IHost> Host => _host.Task;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            lock (_lock)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "HostBuilt" && value.Value is IHost host
            && host.Services.GetRequiredService<IConfiguration>()[MarkerKey] == _marker)
        {
            _host.TrySetResult(host);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }
}
