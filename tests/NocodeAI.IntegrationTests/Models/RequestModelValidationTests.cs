namespace NocodeAI.IntegrationTests.Models;

/// <summary>requestModel refuses what could never train, names the field, and stores nothing (SPEC §4, issue 2 §4).</summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class RequestModelValidationTests(NocodeSystem system, ITestOutputHelper output)
{
    private readonly NocodeSystem _system = system.Attach(output);

    [Theory]
    [InlineData("empty name", "name")]
    [InlineData("blank name", "name")]
    [InlineData("101-character name", "name")]
    [InlineData("unknown dataset", "dataset")]
    [InlineData("label not in the dataset", "label")]
    [InlineData("features containing the label", "features")]
    [InlineData("unknown feature", "features")]
    [InlineData("no features", "features")]
    [InlineData("validationFraction 0.01", "validationFraction")]
    [InlineData("validationFraction 0.6", "validationFraction")]
    public async Task RequestModel_with_invalid_input_is_VALIDATION_FAILED_for_the_field_and_creates_nothing(string invalid, string field)
    {
        var input = await _system.Models.ValidInputAsync("validation");
        var features = (IReadOnlyList<string>)input["features"]!;
        switch (invalid)
        {
            case "empty name":
                input["name"] = string.Empty;
                break;
            case "blank name":
                input["name"] = "   ";
                break;
            case "101-character name":
                input["name"] = new string('n', 101);
                break;
            case "unknown dataset":
                input["dataset"] = $"no_such_dataset_{Guid.NewGuid():N}";
                break;
            case "label not in the dataset":
                input["label"] = "no_such_label";
                break;
            case "features containing the label":
                input["features"] = features.Append(ModelRequestsApi.TelcoChurnLabel).ToList();
                break;
            case "unknown feature":
                input["features"] = features.Append("no_such_column").ToList();
                break;
            case "no features":
                input["features"] = Array.Empty<string>();
                break;
            case "validationFraction 0.01":
                input["validationFraction"] = 0.01;
                break;
            case "validationFraction 0.6":
                input["validationFraction"] = 0.6;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(invalid), invalid, "unknown case");
        }

        var before = await _system.Models.CountAsync(DevUser.Analyst);

        var result = await _system.Models.RequestAsync(DevUser.Analyst, input);

        GraphQLAssert.Error(result, "VALIDATION_FAILED", field);
        Assert.Null(result.FieldOrNull("requestModel"));
        Assert.Equal(before, await _system.Models.CountAsync(DevUser.Analyst));
    }

    [Fact]
    public async Task RequestModel_with_a_100_character_name_and_the_fraction_bounds_is_accepted()
    {
        foreach (var (name, fraction) in new[] { (new string('n', 94) + Guid.NewGuid().ToString("N")[..6], 0.05), (ModelRequestsApi.UniqueName("bounds"), 0.5) })
        {
            var input = await _system.Models.ValidInputAsync("bounds");
            input["name"] = name;
            input["validationFraction"] = fraction;

            var created = (await _system.Models.RequestAsync(DevUser.Analyst, input)).EnsureSuccess().Field("requestModel");

            Assert.Equal(name, created.RequiredText("name"));
            Assert.Equal(fraction, created.Number("spec.validationFraction"));
            Assert.Equal("REQUESTED", created.RequiredText("state"));
        }
    }

    [Fact]
    public async Task RequestModel_without_a_token_is_UNAUTHENTICATED()
    {
        var input = await _system.Models.ValidInputAsync("anonymous");

        var result = await _system.Gateway.SendAsync("mutation Request($input: RequestModelInput!) { requestModel(input: $input) { id } }", new { input });

        GraphQLAssert.Error(result, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Datasets_lists_telco_churn_and_campaign_response_with_their_labels()
    {
        var datasets = await _system.Models.DatasetsAsync();

        var churn = Assert.Single(datasets, d => d.Name == "telco_churn");
        Assert.Contains("churned", churn.Labels);
        var campaign = Assert.Single(datasets, d => d.Name == "campaign_response");
        Assert.Contains("responded", campaign.Labels);
        Assert.True(churn.FeaturesFor("churned", 10).Count >= 6, $"telco_churn should offer at least 6 feature columns: {string.Join(", ", churn.Columns)}");
    }
}
