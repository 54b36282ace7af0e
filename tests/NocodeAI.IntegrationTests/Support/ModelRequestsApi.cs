using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>A warehouse dataset as <c>datasets</c> describes it.</summary>
public sealed record Dataset(string Name, IReadOnlyList<string> Labels, IReadOnlyList<string> Columns)
{
    /// <summary>Up to <paramref name="count"/> feature columns: neither a label nor an identifier.</summary>
    public IReadOnlyList<string> FeaturesFor(string label, int count) =>
        Columns
            .Where(c => c != label && !Labels.Contains(c))
            .Where(c => !c.Equals("id", StringComparison.OrdinalIgnoreCase) && !c.EndsWith("_id", StringComparison.OrdinalIgnoreCase))
            .Take(count)
            .ToList();
}

/// <summary>The model-request operations of SPEC §4 through the gateway, as the tests use them.</summary>
public sealed class ModelRequestsApi(NocodeSystem system)
{
    public const string TelcoChurn = "telco_churn";
    public const string TelcoChurnLabel = "churned";

    /// <summary>Every field of a ModelRequest (SPEC §4).</summary>
    public const string Fields = """
        id name description requestedBy state
        spec { dataset label features algorithm validationFraction }
        stage trainingCandidate progress queuePosition
        metrics { auc accuracy f1 logLoss trainingRows validationRows durationMs featureImportance { feature importance } }
        reason history { state at by note } createdAt updatedAt
        """;

    public const string ChangedSubscription = $"subscription Changed($id: ID) {{ modelRequestChanged(id: $id) {{ {Fields} }} }}";

    /// <summary>How long a new subscription may take to reach the models subgraph through the gateway.</summary>
    public static readonly TimeSpan SubscriptionSetup = TimeSpan.FromSeconds(20);

    private IReadOnlyList<Dataset>? _datasets;

    public async Task<IReadOnlyList<Dataset>> DatasetsAsync()
    {
        if (_datasets is not null)
        {
            return _datasets;
        }

        var client = await system.ClientAsync(DevUser.Analyst);
        var result = (await client.SendAsync("{ datasets { name labels columns { name type } } }")).EnsureSuccess();
        _datasets = result.Field("datasets").EnumerateArray()
            .Select(d => new Dataset(d.RequiredText("name"), d.Strings("labels"), d.Items("columns").Select(c => c.RequiredText("name")).ToList()))
            .ToList();
        return _datasets;
    }

    public async Task<Dataset> DatasetAsync(string name) =>
        (await DatasetsAsync()).FirstOrDefault(d => d.Name == name)
        ?? throw new XunitException($"The warehouse has no dataset {name}: {string.Join(", ", (await DatasetsAsync()).Select(d => d.Name))}");

    /// <summary>A valid input for telco_churn with 8 feature columns from the catalogue, under a unique name.</summary>
    public async Task<Dictionary<string, object?>> ValidInputAsync(string purpose, string algorithm = "FAST_TREE", int featureCount = 8)
    {
        var dataset = await DatasetAsync(TelcoChurn);
        var features = dataset.FeaturesFor(TelcoChurnLabel, featureCount);
        Assert.True(features.Count >= 2, $"telco_churn offers too few feature columns: {string.Join(", ", dataset.Columns)}");
        return new Dictionary<string, object?>
        {
            ["name"] = UniqueName(purpose),
            ["description"] = $"integration test: {purpose}",
            ["dataset"] = TelcoChurn,
            ["label"] = TelcoChurnLabel,
            ["features"] = features,
            ["algorithm"] = algorithm,
            ["validationFraction"] = 0.2,
        };
    }

    public static string UniqueName(string purpose) => $"it {purpose} {Guid.NewGuid():N}"[..Math.Min(100, purpose.Length + 36)];

    public async Task<GraphQLResult> RequestAsync(DevUser user, IReadOnlyDictionary<string, object?> input) =>
        await (await system.ClientAsync(user)).SendAsync(
            $"mutation Request($input: RequestModelInput!) {{ requestModel(input: $input) {{ {Fields} }} }}", new { input });

    /// <summary>Requests a valid FAST_TREE (or other) model on telco_churn and returns it (REQUESTED).</summary>
    public async Task<ModelRequestSnapshot> RequestValidAsync(DevUser user, string purpose, string algorithm = "FAST_TREE")
    {
        var result = await RequestAsync(user, await ValidInputAsync(purpose, algorithm));
        var node = result.EnsureSuccess().Field("requestModel");
        Assert.True(node.RequiredText("state") == "REQUESTED", $"A new request should be REQUESTED: {result}");
        return ModelRequestSnapshot.From(0, node);
    }

    public async Task<GraphQLResult> ApproveAsync(DevUser user, string id) =>
        await (await system.ClientAsync(user)).SendAsync($"mutation Approve($id: ID!) {{ approveModel(id: $id) {{ {Fields} }} }}", new { id });

    public async Task<GraphQLResult> RejectAsync(DevUser user, string id, string reason) =>
        await (await system.ClientAsync(user)).SendAsync(
            $"mutation Reject($id: ID!, $reason: String!) {{ rejectModel(id: $id, reason: $reason) {{ {Fields} }} }}", new { id, reason });

    public async Task<GraphQLResult> CancelAsync(DevUser user, string id) =>
        await (await system.ClientAsync(user)).SendAsync($"mutation Cancel($id: ID!) {{ cancelModel(id: $id) {{ {Fields} }} }}", new { id });

    public async Task<GraphQLResult> GetAsync(DevUser user, string id) =>
        await (await system.ClientAsync(user)).SendAsync($"query Get($id: ID!) {{ modelRequest(id: $id) {{ {Fields} }} }}", new { id });

    public async Task<ModelRequestSnapshot> GetSnapshotAsync(DevUser user, string id) =>
        ModelRequestSnapshot.From(0, (await GetAsync(user, id)).EnsureSuccess().Field("modelRequest"));

    /// <summary><c>modelRequests.totalCount</c> as the user sees it.</summary>
    public async Task<int> CountAsync(DevUser user)
    {
        var result = await (await system.ClientAsync(user)).SendAsync("{ modelRequests(first: 1) { totalCount } }");
        return result.EnsureSuccess().Field("modelRequests.totalCount").GetInt32();
    }

    /// <summary>Subscribes to one request's changes over the gateway's WebSocket.</summary>
    public async Task<ModelRequestFeed> WatchOverWebSocketAsync(DevUser user, string id) =>
        await WatchOverWebSocketAsync(await system.TokenAsync(user), id);

    /// <summary>Subscribes to one request's changes over the gateway's WebSocket with this token.</summary>
    public async Task<ModelRequestFeed> WatchOverWebSocketAsync(string token, string id)
    {
        var socket = await GraphQLWebSocketClient.ConnectAsync(system.GatewayUrl, token);
        try
        {
            var before = await NocodeSystem.SubscriptionsWentLiveAsync();
            var stream = await socket.SubscribeAsync(ChangedSubscription, new { id });
            var feed = ModelRequestFeed.Start(stream, socket);
            await NocodeSystem.WaitForSubscriptionsWentLiveAsync(before + 1, SubscriptionSetup);
            return feed;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    /// <summary>Subscribes over the gateway's WebSocket and returns the first result, whatever it is (data or errors).</summary>
    public async Task<GraphQLResult> FirstSubscriptionResultAsync(DevUser user, string id, TimeSpan timeout)
    {
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(system.GatewayUrl, await system.TokenAsync(user));
        await using var stream = await socket.SubscribeAsync(ChangedSubscription, new { id });
        using var wait = new CancellationTokenSource(timeout);
        await foreach (var result in stream.ReadAllAsync(wait.Token))
        {
            return result;
        }

        throw new Xunit.Sdk.XunitException("The subscription ended without a result.");
    }

    /// <summary>Subscribes to one request's changes over SSE through the gateway.</summary>
    public async Task<ModelRequestFeed> WatchOverSseAsync(DevUser user, string id, bool expectLive = true)
    {
        var before = await NocodeSystem.SubscriptionsWentLiveAsync();
        var stream = await GraphQLSseClient.SubscribeAsync(system.StreamingHttp, system.GatewayUrl, await system.TokenAsync(user), ChangedSubscription, new { id });
        var feed = ModelRequestFeed.Start(stream);
        if (expectLive)
        {
            await NocodeSystem.WaitForSubscriptionsWentLiveAsync(before + 1, SubscriptionSetup);
        }

        return feed;
    }

    /// <summary>
    /// Waits until the request is in one of <paramref name="states"/>: subscribes first, then reads the
    /// current state, so a change between the two cannot be missed.
    /// </summary>
    public async Task<ModelRequestSnapshot> WaitForStateAsync(string id, TimeSpan timeout, params string[] states)
    {
        await using var feed = await WatchOverSseAsync(DevUser.Admin, id);
        var current = await GetSnapshotAsync(DevUser.Admin, id);
        if (states.Contains(current.State))
        {
            return current;
        }

        return await feed.WaitForAsync(e => states.Contains(e.State), timeout, $"state {string.Join(" or ", states)} of {id} (it was {current})");
    }

    /// <summary>Cancels as admin, whatever the state; for clean-up, so a test leaves no job in the training queue.</summary>
    public async Task CancelQuietlyAsync(string id)
    {
        try
        {
            var result = await CancelAsync(DevUser.Admin, id);
            system.Log($"clean-up cancel of {id}: {(result.HasErrors ? result.ErrorCode() : result.FieldOrNull("cancelModel.state")?.GetString())}");
        }
        catch (HttpRequestException ex)
        {
            system.Log($"clean-up cancel of {id} failed: {ex.Message}");
        }
    }
}
