using NocodeAI.Bench.Client;

namespace NocodeAI.Bench;

/// <summary>Where the running system is (the environment `./nocode bench` exports) and how hard to push it.</summary>
public sealed class BenchContext : IDisposable
{
    private BenchContext(Uri gateway, Uri models, bool quick)
    {
        GatewayUrl = gateway;
        Gateway = new GraphQLHttp(gateway);
        Models = new GraphQLHttp(models);
        Quick = quick;
    }

    public Uri GatewayUrl { get; }

    public GraphQLHttp Gateway { get; }

    /// <summary>The models subgraph itself, to measure what the gateway adds.</summary>
    public GraphQLHttp Models { get; }

    public bool Quick { get; }

    public int Rounds => Quick ? 2 : 5;

    public string AnalystToken { get; private set; } = string.Empty;

    public string ApproverToken { get; private set; } = string.Empty;

    public static async Task<BenchContext> CreateAsync(bool quick)
    {
        var gateway = new Uri(Environment.GetEnvironmentVariable("NOCODE_GATEWAY_URL") ?? "http://127.0.0.1:4000/graphql");
        var models = new Uri(new Uri(Environment.GetEnvironmentVariable("NOCODE_MODELS_URL") ?? "http://127.0.0.1:5102"), "/graphql");
        var context = new BenchContext(gateway, models, quick);
        context.AnalystToken = await context.Gateway.LoginAsync("analyst", "nocode-analyst");
        context.ApproverToken = await context.Gateway.LoginAsync("approver", "nocode-approver");
        return context;
    }

    public const string RequestModel = "mutation R($input: RequestModelInput!) { requestModel(input: $input) { id } }";

    public const string CancelModel = "mutation C($id: ID!) { cancelModel(id: $id) { state } }";

    /// <summary>A valid request on the seeded telco_churn dataset; logistic regression trains fastest.</summary>
    public static object ModelInput(string name) => new
    {
        name,
        dataset = "telco_churn",
        label = "churned",
        features = new[] { "tenure_months", "monthly_charges", "contract_type", "support_calls" },
        algorithm = "LOGISTIC_REGRESSION",
        validationFraction = 0.2,
    };

    public async Task<string> RequestModelAsync(string name) =>
        (await Gateway.DataAsync(RequestModel, new { input = ModelInput(name) }, AnalystToken)).GetProperty("requestModel").GetProperty("id").GetString()!;

    public async Task CancelQuietlyAsync(string id)
    {
        try
        {
            await Gateway.SendAsync(CancelModel, new { id }, AnalystToken);
        }
        catch (HttpRequestException)
        {
            // Clean-up is best effort: a request left REQUESTED does no harm.
        }
    }

    public void Dispose()
    {
        Gateway.Dispose();
        Models.Dispose();
    }
}
