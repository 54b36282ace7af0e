using System.Net;
using System.Text;
using System.Text.Json;
using NocodeAI.IntegrationTests.Support;

namespace NocodeAI.IntegrationTests.Gateway.Differential;

/// <summary>
/// Our gateway answers every operation of the corpus as Hive Gateway does, against the same
/// running subgraphs: the same <c>data</c> (JSON, key order included), the same error codes at the
/// same paths, the same HTTP status, for an anonymous caller, an analyst and an admin.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class DifferentialTests(NocodeSystem system, ITestOutputHelper output, HiveOracle oracle) : IClassFixture<HiveOracle>, IDisposable
{
    private const int Seed = 20261203;
    private const int GeneratedCount = 520;

    private readonly NocodeSystem _system = system.Attach(output);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Every_operation_of_the_corpus_gets_the_same_answer_as_from_Hive_Gateway()
    {
        var ids = await KnownIdsAsync();
        var root = NocodeSystem.FindRoot();
        var corpus = OperationCorpus.WebQueries(root, ids)
            .Concat(OperationCorpus.Generated(File.ReadAllText(Path.Combine(root, "schema", "supergraph.graphql")), Seed, GeneratedCount, ids))
            .ToList();
        Assert.True(corpus.Count >= 500, $"The corpus has {corpus.Count} operations; at least 500 are wanted.");

        var callers = new (string Name, string? Token)[]
        {
            ("anonymous", null),
            ("analyst", await _system.TokenAsync(DevUser.Analyst)),
            ("admin", await _system.TokenAsync(DevUser.Admin)),
        };

        var mismatches = new List<string>();
        var compared = 0;
        var withErrors = 0;
        foreach (var operation in corpus)
        {
            foreach (var (caller, token) in callers)
            {
                var (ours, theirs) = await BothAsync(operation, token);
                if (ours != theirs)
                {
                    // Data can change between two reads (a model training in the background): ask again once.
                    (ours, theirs) = await BothAsync(operation, token);
                }

                compared++;
                if (theirs.Errors.Length > 0) withErrors++;
                if (ours != theirs)
                {
                    mismatches.Add($"{operation.Name} as {caller}\n  query: {operation.Query}\n  variables: {JsonSerializer.Serialize(operation.Variables)}\n  hive: {theirs}\n  ours: {ours}");
                }
            }
        }

        output.WriteLine($"Compared {compared} answers ({corpus.Count} operations × {callers.Length} callers; {withErrors} with errors); {mismatches.Count} differ.");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} answers differ from Hive Gateway's:\n\n" + string.Join("\n\n", mismatches.Take(25).Select(m => m.Length > 3000 ? m[..3000] + "…" : m)));
    }

    private async Task<(Answer Ours, Answer Theirs)> BothAsync(CorpusOperation operation, string? token)
    {
        var body = JsonSerializer.Serialize(new { query = operation.Query, operationName = operation.OperationName, variables = operation.Variables });
        var theirs = await SendAsync(oracle.Url, body, token);
        var ours = await SendAsync(_system.GatewayUrl, body, token);
        return (ours, theirs);
    }

    private async Task<Answer> SendAsync(Uri url, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", GraphQLClient.AcceptHeader);
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return Answer.From(response.StatusCode, text);
    }

    private async Task<KnownIds> KnownIdsAsync()
    {
        var admin = await _system.ClientAsync(DevUser.Admin);
        var models = await admin.SendAsync("{ modelRequests(first: 5) { edges { node { id } } } }");
        var targets = await admin.SendAsync("{ targetRequests(first: 5) { edges { node { id } } } }");
        static IReadOnlyList<string> Ids(GraphQLResult result, string field) =>
            result.Data is { } data && data.TryGetProperty(field, out var connection)
                ? connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList()
                : [];
        return new KnownIds(Ids(models, "modelRequests"), Ids(targets, "targetRequests"));
    }

    public void Dispose() => _http.Dispose();

    /// <summary>What is compared: status, data as JSON text, and (code, path) of every error as a sorted list.</summary>
    private sealed record Answer(HttpStatusCode Status, string Data, string[] Errors)
    {
        public static Answer From(HttpStatusCode status, string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var data = root.TryGetProperty("data", out var d) ? d.GetRawText() : "<absent>";
                var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Select(error =>
                        (error.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : "<no code>")
                        + " at " + (error.TryGetProperty("path", out var p) ? p.GetRawText() : "<no path>")).Order(StringComparer.Ordinal).ToArray()
                    : [];
                return new Answer(status, Compact(data), errors);
            }
            catch (JsonException)
            {
                return new Answer(status, "<not JSON> " + body[..Math.Min(200, body.Length)], []);
            }
        }

        private static string Compact(string json) => json == "<absent>" ? json : JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

        public bool Equals(Answer? other) => other is not null && Status == other.Status && Data == other.Data
            && (Errors.SequenceEqual(other.Errors) || (Data == "null" && (Covers(Errors, other.Errors) || Covers(other.Errors, Errors))));

        /// <summary>
        /// When a non-null root field fails, the whole <c>data</c> is null, and the two gateways may name
        /// the failure differently. Hive Gateway stops at the first failing root field it meets — which
        /// one depends on which subgraph answered first (the same request names <c>datasets</c> one time
        /// and <c>unreadNoticeCount</c> the next) — and when a subgraph's whole answer is null it may report
        /// "Cannot return null for non-nullable field" on a sibling field (masked, INTERNAL_SERVER_ERROR)
        /// instead of the subgraph's own error. Ours reports every failing field with the subgraph's codes.
        /// Both must null the data and both must report errors; apart from those masked null errors, one
        /// list must be contained in the other.
        /// </summary>
        private static bool Covers(string[] some, string[] all)
        {
            if (some.Length == 0 || all.Length == 0) return false;
            var remaining = all.ToList();
            return some.Where(e => !e.StartsWith("INTERNAL_SERVER_ERROR at [", StringComparison.Ordinal)).All(remaining.Remove);
        }
        public override int GetHashCode() => HashCode.Combine(Status, Data);

        public override string ToString() => $"HTTP {(int)Status} errors [{string.Join("; ", Errors)}] data {(Data.Length > 800 ? Data[..800] + "…" : Data)}";
    }
}
