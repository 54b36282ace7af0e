using System.Diagnostics;
using System.Diagnostics.Metrics;
using NocodeAI.ServiceDefaults;

namespace NocodeAI.Gateway.Observability;

/// <summary>
/// What the gateway reports on /metrics (Prometheus) and as OpenTelemetry spans: requests by
/// operation type and outcome with their latency, fetches per subgraph, plan-cache hits and the
/// subscriptions open right now.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public static readonly ActivitySource Source = new(ServiceDefaultsExtensions.MeterName);

    private readonly Meter _meter = new(ServiceDefaultsExtensions.MeterName);
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _fetches;
    private readonly Histogram<double> _fetchDuration;
    private readonly Counter<long> _planCache;
    private readonly Counter<long> _wentLive;
    private readonly Counter<long> _upstreamsOpened;
    private long _subscriptions;
    private long _upstreams;
    private long _live;

    public GatewayMetrics()
    {
        _requests = _meter.CreateCounter<long>("nocode_gateway_requests", description: "GraphQL requests by operation type and outcome (ok, errors, rejected).");
        _duration = _meter.CreateHistogram<double>("nocode_gateway_request_duration", unit: "s", description: "Time to answer a query or mutation.");
        _fetches = _meter.CreateCounter<long>("nocode_gateway_fetches", description: "Requests sent to subgraphs, by subgraph and outcome.");
        _fetchDuration = _meter.CreateHistogram<double>("nocode_gateway_fetch_duration", unit: "s", description: "Time a subgraph took to answer a fetch.");
        _wentLive = _meter.CreateCounter<long>("nocode_gateway_subscriptions_opened", description: "Client subscriptions that went live (their subgraph stream open), ever.");
        _upstreamsOpened = _meter.CreateCounter<long>("nocode_gateway_upstreams_opened", description: "Subgraph streams the gateway opened, ever (identical subscriptions share one).");
        _planCache = _meter.CreateCounter<long>("nocode_gateway_plan_cache", description: "Operations looked up in the plan cache, by result (hit, miss).");
        _meter.CreateObservableGauge("nocode_subscriptions_active", () => new Measurement<long>(Interlocked.Read(ref _subscriptions), new KeyValuePair<string, object?>("component", "gateway")),
            description: "Subscriptions open at the gateway.");
        _meter.CreateObservableGauge("nocode_gateway_upstream_subscriptions", () => Interlocked.Read(ref _upstreams),
            description: "Subgraph streams the gateway holds open (identical subscriptions share one).");
        _meter.CreateObservableGauge("nocode_gateway_subscriptions_live", () => Interlocked.Read(ref _live),
            description: "Client subscriptions whose subgraph stream is open: from then on no change is missed.");
    }

    public void Request(string type, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "type", type }, { "outcome", outcome } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Fetched(string subgraph, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "subgraph", subgraph }, { "outcome", outcome } };
        _fetches.Add(1, tags);
        _fetchDuration.Record(elapsed.TotalSeconds, new TagList { { "subgraph", subgraph } });
    }

    public void PlanCache(bool hit) => _planCache.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public long ActiveSubscriptions => Interlocked.Read(ref _subscriptions);

    public void SubscriptionOpened() => Interlocked.Increment(ref _subscriptions);

    public void SubscriptionClosed() => Interlocked.Decrement(ref _subscriptions);

    public long ActiveUpstreams => Interlocked.Read(ref _upstreams);

    public void UpstreamOpened()
    {
        Interlocked.Increment(ref _upstreams);
        _upstreamsOpened.Add(1);
    }

    public void UpstreamClosed() => Interlocked.Decrement(ref _upstreams);

    public void LiveSubscriptions(long delta)
    {
        Interlocked.Add(ref _live, delta);
        if (delta > 0) _wentLive.Add(delta);
    }

    public void Dispose() => _meter.Dispose();
}
