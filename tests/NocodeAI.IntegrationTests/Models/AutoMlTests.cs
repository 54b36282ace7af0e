using System.Globalization;

namespace NocodeAI.IntegrationTests.Models;

/// <summary>
/// AUTO through the gateway (issue 15): the request trains the whole candidate grid, progress names each
/// candidate, and the completed model carries a leaderboard and validation curves that agree with its
/// metrics — the consistency an outside check recomputes from what the API returns.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class AutoMlTests(NocodeSystem system, ITestOutputHelper output)
{
    private const string EvaluationQuery = """
        query Evaluation($id: ID!) {
          modelRequest(id: $id) {
            state
            metrics { auc validationRows }
            leaderboard { rank algorithm settings auc logLoss f1 trainingMs chosen }
            evaluation {
              rows baseRate ks threshold
              roc { threshold fpr tpr }
              precisionRecall { threshold precision recall }
              lift { depth lift cumulativeGain responseRate }
              calibration { predicted observed count }
              confusion { truePositive falsePositive trueNegative falseNegative }
            }
          }
        }
        """;

    private static readonly string[] FinalStates = ["COMPLETED", "FAILED", "CANCELED", "REJECTED"];

    private readonly NocodeSystem _system = system.Attach(output);

    private ModelRequestsApi Models => _system.Models;

    [Theory]
    [InlineData("telco_churn")]
    [InlineData("campaign_response")]
    public async Task Auto_ranks_every_candidate_and_its_curves_agree_with_the_metrics(string datasetName)
    {
        var dataset = await Models.DatasetAsync(datasetName);
        var label = dataset.Labels[0];
        var input = await Models.ValidInputAsync($"auto {datasetName}", "AUTO");
        input["dataset"] = datasetName;
        input["label"] = label;
        input["features"] = dataset.FeaturesFor(label, 10);
        var request = (await Models.RequestAsync(DevUser.Analyst, input)).EnsureSuccess().Field("requestModel");
        var id = request.RequiredText("id");
        Assert.Equal("AUTO", request.RequiredText("spec.algorithm"));
        await using var feed = await Models.WatchOverSseAsync(DevUser.Analyst, id);
        try
        {
            (await Models.ApproveAsync(DevUser.Approver, id)).EnsureSuccess();
            var final = await feed.WaitForAsync(e => FinalStates.Contains(e.State), Expectations.TrainingTimeout, "a final state");
            Assert.True(final.State == "COMPLETED", $"AUTO ended {final.State} (reason: {final.Node.Text("reason")}). Events: {feed.Describe()}");

            // Progress named the candidates in turn ("3/8 LIGHT_GBM …") while training.
            var candidates = feed.Events.Select(e => e.Node.Text("trainingCandidate")).OfType<string>().Select(c => c.Split(' ')[0]).Distinct().ToList();
            Assert.True(candidates.Count >= 2, $"expected several candidates in the progress events, saw [{string.Join(", ", candidates)}]");
            Assert.All(candidates, c => Assert.Matches(@"^\d+/\d+$", c));

            var model = (await (await _system.ClientAsync(DevUser.Analyst)).SendAsync(EvaluationQuery, new { id })).EnsureSuccess().Field("modelRequest");
            AssertLeaderboard(model, totalFromProgress: int.Parse(candidates[0].Split('/')[1], CultureInfo.InvariantCulture));
            AssertCurvesAgreeWithMetrics(model);
        }
        finally
        {
            if (feed.Events is not [.., var last] || !FinalStates.Contains(last.State))
            {
                await Models.CancelQuietlyAsync(id);
            }
        }
    }

    private static void AssertLeaderboard(JsonElement model, int totalFromProgress)
    {
        var rows = model.Items("leaderboard");
        Assert.Equal(totalFromProgress, rows.Count);
        Assert.True(rows.Count(r => r.GetProperty("algorithm").GetString() == "FAST_TREE") >= 3, "at least three FAST_TREE candidates");
        Assert.True(rows.Count(r => r.GetProperty("algorithm").GetString() == "LIGHT_GBM") >= 3, "at least three LIGHT_GBM candidates");
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.GetProperty("rank").GetInt32()));
        var chosen = Assert.Single(rows, r => r.GetProperty("chosen").GetBoolean());
        Assert.Equal(1, chosen.GetProperty("rank").GetInt32());
        Assert.Equal(model.Number("metrics.auc")!.Value, chosen.GetProperty("auc").GetDouble(), 1e-9);
        var aucs = rows.Select(r => Math.Round(r.GetProperty("auc").GetDouble(), 4)).ToList();
        Assert.Equal(aucs.OrderDescending(), aucs);
        Assert.All(rows, r => Assert.True(r.GetProperty("trainingMs").GetInt32() > 0));
    }

    private static void AssertCurvesAgreeWithMetrics(JsonElement model)
    {
        var auc = model.Number("metrics.auc")!.Value;
        var validationRows = (long)model.Number("metrics.validationRows")!.Value;
        Assert.Equal(validationRows, (long)model.Number("evaluation.rows")!.Value);

        var roc = model.Items("evaluation.roc").Select(p => (Fpr: p.GetProperty("fpr").GetDouble(), Tpr: p.GetProperty("tpr").GetDouble())).ToList();
        Assert.InRange(roc.Count, 2, 201);
        Assert.Equal((0.0, 0.0), roc[0]);
        Assert.Equal((1.0, 1.0), roc[^1]);
        var area = roc.Zip(roc.Skip(1)).Sum(s => (s.Second.Fpr - s.First.Fpr) * (s.Second.Tpr + s.First.Tpr) / 2);
        Assert.True(Math.Abs(area - auc) < 0.003, $"ROC area {area:F4} vs metrics.auc {auc:F4}");
        var ks = roc.Max(p => p.Tpr - p.Fpr);
        Assert.True(Math.Abs(ks - model.Number("evaluation.ks")!.Value) < 0.02, $"KS {model.Number("evaluation.ks")} vs the ROC's {ks:F4}");
        Assert.Equal(roc.Count, model.Items("evaluation.precisionRecall").Count);

        var lift = model.Items("evaluation.lift");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i / 10.0), lift.Select(p => Math.Round(p.GetProperty("depth").GetDouble(), 2)));
        Assert.Equal(1.0, lift[^1].GetProperty("lift").GetDouble(), 1e-9);
        Assert.Equal(1.0, lift[^1].GetProperty("cumulativeGain").GetDouble(), 1e-9);
        Assert.True(lift[0].GetProperty("lift").GetDouble() > 1.2, $"top-decile lift {lift[0].GetProperty("lift").GetDouble()}");

        Assert.Equal(validationRows, model.Items("evaluation.calibration").Sum(b => b.GetProperty("count").GetInt64()));
        var confusion = model.Path("evaluation.confusion")!.Value;
        Assert.Equal(validationRows, confusion.EnumerateObject().Sum(p => p.Value.GetInt64()));
        var positives = confusion.GetProperty("truePositive").GetInt64() + confusion.GetProperty("falseNegative").GetInt64();
        Assert.Equal(model.Number("evaluation.baseRate")!.Value, positives / (double)validationRows, 1e-9);
    }
}
