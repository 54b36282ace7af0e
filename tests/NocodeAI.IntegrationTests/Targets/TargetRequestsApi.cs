using System.Diagnostics;
using System.Net.Http.Json;
using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Targets;

/// <summary>The target-request operations of SPEC §4 through the gateway, and the MIDAS stand-in's admin API.</summary>
public sealed class TargetRequestsApi(NocodeSystem system)
{
    public const string Fields = """
        id name requestedBy state model { id state } criteria { topN minScore } message progress targetCount
        scoreSummary { min max mean p50 p90 } dispatch { midasJobId midasJobIds state sent failed attempts lastError }
        reason history { state at by note } createdAt updatedAt
        """;

    public static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(3);

    /// <summary>A bound on how far the targets service's replica of model readiness may trail the models service.</summary>
    private static readonly TimeSpan ReplicaLagTimeout = TimeSpan.FromSeconds(30);

    private static readonly SemaphoreSlim ModelGate = new(1, 1);
    private static string? _completedModel;

    /// <summary>A COMPLETED model of the analyst's, trained once per test run.</summary>
    public async Task<string> CompletedModelAsync()
    {
        await ModelGate.WaitAsync();
        try
        {
            if (_completedModel is not null)
            {
                return _completedModel;
            }

            var model = await system.Models.RequestValidAsync(DevUser.Analyst, "targets model");
            (await system.Models.ApproveAsync(DevUser.Approver, model.Id)).EnsureSuccess();
            var done = await system.Models.WaitForStateAsync(model.Id, Expectations.TrainingTimeout, "COMPLETED", "FAILED", "CANCELED");
            Assert.Equal("COMPLETED", done.State);
            _completedModel = model.Id;
            return model.Id;
        }
        finally
        {
            ModelGate.Release();
        }
    }

    public async Task<GraphQLResult> RequestAsync(DevUser user, string modelRequestId, int? topN = 1500, double? minScore = null, string message = "[NocodeAI] 고객님께 특별 혜택을 드립니다.") =>
        await (await system.ClientAsync(user)).SendAsync(
            $"mutation R($input: RequestTargetInput!) {{ requestTargetExtraction(input: $input) {{ {Fields} }} }}",
            new { input = new { modelRequestId, name = ModelRequestsApi.UniqueName("targets"), topN, minScore, message } });

    /// <summary>Requests as the analyst; the answer selects no field of the models subgraph, so it works while models is down.</summary>
    /// <remarks>
    /// targets learns that a model completed from the model's event, a moment after models says so:
    /// until then it answers MODEL_NOT_READY, which is retried here for a model known to be COMPLETED.
    /// </remarks>
    public async Task<string> RequestValidAsync(string modelRequestId, int topN = 1500)
    {
        var client = await system.ClientAsync(DevUser.Analyst);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var result = await client.SendAsync(
                "mutation R($input: RequestTargetInput!) { requestTargetExtraction(input: $input) { id state } }",
                new { input = new { modelRequestId, name = ModelRequestsApi.UniqueName("targets"), topN, message = "[NocodeAI] 고객님께 특별 혜택을 드립니다." } });
            if (result.ErrorCode() == "MODEL_NOT_READY" && stopwatch.Elapsed < ReplicaLagTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                continue;
            }

            result.EnsureSuccess();
            Assert.Equal("REQUESTED", result.Field("requestTargetExtraction.state").GetString());
            return result.Field("requestTargetExtraction.id").GetString()!;
        }
    }

    public async Task<GraphQLResult> ApproveAsync(string id) =>
        await (await system.ClientAsync(DevUser.Approver)).SendAsync("mutation A($id: ID!) { approveTarget(id: $id) { id state } }", new { id });

    public async Task<GraphQLResult> CancelAsync(DevUser user, string id) =>
        await (await system.ClientAsync(user)).SendAsync($"mutation C($id: ID!) {{ cancelTarget(id: $id) {{ {Fields} }} }}", new { id });

    public async Task<JsonElement> GetAsync(string id) =>
        (await (await system.ClientAsync(DevUser.Admin)).SendAsync($"query G($id: ID!) {{ targetRequest(id: $id) {{ {Fields} }} }}", new { id }))
        .EnsureSuccess().Field("targetRequest");

    /// <summary>Polls until the request is in one of <paramref name="states"/>; fails with its last state on timeout.</summary>
    public async Task<JsonElement> WaitForStateAsync(string id, TimeSpan timeout, params string[] states)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var node = await GetAsync(id);
            if (states.Contains(node.GetProperty("state").GetString()))
            {
                return node;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new XunitException($"Target request {id} did not reach {string.Join(" or ", states)} within {timeout}: {node}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    public async Task<int> MemberCountAsync(string id) =>
        (await (await system.ClientAsync(DevUser.Admin)).SendAsync("query M($id: ID!) { targetMembers(targetRequestId: $id, first: 1) { totalCount } }", new { id }))
        .EnsureSuccess().Field("targetMembers.totalCount").GetInt32();

    // The MIDAS stand-in (src/NocodeAI.Externals) and its admin API.
    public static Uri Externals =>
        new(Environment.GetEnvironmentVariable("NOCODE_EXTERNALS_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:5120");

    public async Task RequireMidasAsync()
    {
        try
        {
            using var response = await system.Http.GetAsync(new Uri(Externals, "/health/ready"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        throw new XunitException($"The MIDAS stand-in does not answer on {Externals}; it runs under ./nocode once src/NocodeAI.Externals is in NocodeAI.sln.");
    }

    public async Task SetMidasFaultAsync(int failNext = 0, bool down = false)
    {
        using var response = await system.Http.PostAsJsonAsync(new Uri(Externals, "/_admin/faults"), new { system = "midas", failNext, failureRate = 0.0, latencyMs = 0, down });
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearMidasFaultsAsync()
    {
        using var response = await system.Http.DeleteAsync(new Uri(Externals, "/_admin/faults?system=midas"));
    }

    /// <summary>How many times MIDAS accepted each idempotency key of the request (<c>{id}:{chunk}</c>), and the recipients it accepted.</summary>
    public async Task<(IReadOnlyDictionary<string, int> Keys, int Recipients)> MidasReceivedAsync(string targetRequestId)
    {
        var snapshot = await system.Http.GetFromJsonAsync<JsonElement>(new Uri(Externals, "/_admin/received?system=midas"));
        var keys = new Dictionary<string, int>();
        var recipients = 0;
        foreach (var item in snapshot.GetProperty("items").EnumerateArray())
        {
            var key = item.GetProperty("idempotencyKey").GetString()!;
            if (!key.StartsWith(targetRequestId + ":", StringComparison.Ordinal))
            {
                continue;
            }

            keys[key] = item.GetProperty("count").GetInt32();
            if (item.GetProperty("payload").TryGetProperty("recipients", out var list))
            {
                recipients += list.GetArrayLength();
            }
        }

        return (keys, recipients);
    }
}
