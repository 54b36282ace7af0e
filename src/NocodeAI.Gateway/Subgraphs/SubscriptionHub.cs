using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NocodeAI.Gateway.Observability;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Subgraphs;

/// <summary>One event of a shared upstream stream: parsed once, serialised once, read by every subscriber.</summary>
public sealed class SharedEvent(JsonObject payload)
{
    private byte[]? _utf8;

    /// <summary>Shared by every subscriber: read it, never change it (copy first).</summary>
    public JsonObject Payload { get; } = payload;

    public byte[] Utf8 => _utf8 ??= JsonSerializer.SerializeToUtf8Bytes(Payload);
}

/// <summary>A subscriber fell behind its bound; its stream ends with an error instead of losing events silently.</summary>
public sealed class SubscriberOverflowException(int bound)
    : Exception($"The subscription was ended because the client fell {bound} events behind; subscribe again and re-read the state.");

/// <summary>
/// De-duplicates subgraph subscriptions: clients asking a subgraph for the same operation with
/// the same variables and the same identity (Authorization) share one upstream stream. Each event
/// is parsed once and offered to every subscriber's bounded queue; a subscriber whose queue is full
/// ends with <see cref="SubscriberOverflowException"/>. The last subscriber to leave closes the upstream.
/// </summary>
public sealed class SubscriptionHub(SubgraphClient subgraphs, GatewayOptions options, GatewayMetrics metrics, ILogger<SubscriptionHub> logger)
{
    private readonly SubgraphClient _subgraphs = subgraphs;
    private readonly GatewayOptions _options = options;
    private readonly GatewayMetrics _metrics = metrics;
    private readonly ILogger _logger = logger;

    /// <summary>Events queued per subscriber before it is ended (memory per client stays bounded).</summary>
    public const int SubscriberBound = 256;

    private readonly ConcurrentDictionary<string, Upstream> _upstreams = new(StringComparer.Ordinal);

    public int UpstreamCount => _upstreams.Count;

    public async IAsyncEnumerable<SharedEvent> SubscribeAsync(
        string graph,
        string document,
        string? operationName,
        JsonElement variables,
        IReadOnlyList<string>? variableNames,
        ForwardedHeaders headers,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = Key(graph, document, operationName, variables, variableNames, headers);
        var queue = Channel.CreateBounded<SharedEvent>(new BoundedChannelOptions(SubscriberBound) { SingleReader = true, SingleWriter = true });
        Upstream upstream;
        while (true)
        {
            upstream = _upstreams.GetOrAdd(key, _ => new Upstream(this, key, graph, document, operationName, variables, variableNames, headers));
            if (upstream.TryJoin(queue.Writer)) break;
            // It was closing as we arrived: let it go and start a fresh one.
            _upstreams.TryRemove(new KeyValuePair<string, Upstream>(key, upstream));
        }

        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            upstream.Leave(queue.Writer);
        }
    }

    private static string Key(string graph, string document, string? operationName, JsonElement variables, IReadOnlyList<string>? names, ForwardedHeaders headers)
    {
        var used = new JsonObject();
        if (variables.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in variables.EnumerateObject())
            {
                if (names is null || names.Contains(property.Name)) used[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return string.Join('\u001f', graph, document, operationName ?? "", used.ToJsonString(), headers.Authorization ?? "");
    }

    /// <summary>Disposes its own token source when its pump ends, so it needs no Dispose of its own.</summary>
#pragma warning disable CA1001
    private sealed class Upstream
#pragma warning restore CA1001
    {
        private readonly SubscriptionHub _hub;
        private readonly string _key;
        private readonly List<ChannelWriter<SharedEvent>> _subscribers = [];
        private readonly CancellationTokenSource _stop = new();
        private bool _closed;
        private bool _live;

        public Upstream(SubscriptionHub hub, string key, string graph, string document, string? operationName, JsonElement variables, IReadOnlyList<string>? names, ForwardedHeaders headers)
        {
            _hub = hub;
            _key = key;
            hub._metrics.UpstreamOpened();
            _ = Task.Run(() => PumpAsync(graph, document, operationName, variables.ValueKind == JsonValueKind.Undefined ? variables : variables.Clone(), names, headers));
        }

        public bool TryJoin(ChannelWriter<SharedEvent> subscriber)
        {
            lock (_subscribers)
            {
                if (_closed) return false;
                _subscribers.Add(subscriber);
                if (_live) _hub._metrics.LiveSubscriptions(+1);
                return true;
            }
        }

        public void Leave(ChannelWriter<SharedEvent> subscriber)
        {
            lock (_subscribers)
            {
                if (_subscribers.Remove(subscriber) && _live) _hub._metrics.LiveSubscriptions(-1);
                if (_subscribers.Count > 0 || _closed) return;
                _closed = true;
            }

            _hub._upstreams.TryRemove(new KeyValuePair<string, Upstream>(_key, this));
            _stop.Cancel();
        }

        /// <summary>The subgraph listens: every subscriber of this stream is live.</summary>
        private void Opened()
        {
            lock (_subscribers)
            {
                if (_live || _closed) return;
                _live = true;
                _hub._metrics.LiveSubscriptions(_subscribers.Count);
            }
        }

        private async Task PumpAsync(string graph, string document, string? operationName, JsonElement variables, IReadOnlyList<string>? names, ForwardedHeaders headers)
        {
            Exception? failure = null;
            try
            {
                await foreach (var payload in _hub._subgraphs.SubscribeAsync(graph, document, operationName, variables, names, headers, _hub._options.SubgraphStreamIdleTimeout, Opened, _stop.Token))
                {
                    var shared = new SharedEvent(payload);
                    ChannelWriter<SharedEvent>[] subscribers;
                    lock (_subscribers) subscribers = [.. _subscribers];
                    foreach (var subscriber in subscribers)
                    {
                        if (!subscriber.TryWrite(shared))
                        {
                            subscriber.TryComplete(new SubscriberOverflowException(SubscriberBound));
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                failure = ex;
                _hub._logger.LogInformation("A shared subgraph stream ended: {Reason}", ex.Message);
            }
            finally
            {
                ChannelWriter<SharedEvent>[] subscribers;
                lock (_subscribers)
                {
                    _closed = true;
                    subscribers = [.. _subscribers];
                    if (_live) _hub._metrics.LiveSubscriptions(-_subscribers.Count);
                    _live = false;
                    _subscribers.Clear();
                }

                _hub._upstreams.TryRemove(new KeyValuePair<string, Upstream>(_key, this));
                foreach (var subscriber in subscribers) subscriber.TryComplete(failure);
                _hub._metrics.UpstreamClosed();
                _stop.Dispose();
            }
        }
    }
}
