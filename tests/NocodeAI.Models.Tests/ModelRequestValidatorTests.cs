using NocodeAI.Models.Contracts;
using NocodeAI.Models.ModelRequests;
using NocodeAI.ServiceDefaults.Errors;
using NocodeAI.Warehouse;

namespace NocodeAI.Models.Tests;

public sealed class ModelRequestValidatorTests
{
    private static readonly IReadOnlyList<Dataset> Datasets =
    [
        new("telco_churn", "churn", 1000,
            [new("tenure_months", ColumnType.NUMERIC), new("contract_type", ColumnType.CATEGORICAL), new("is_5g", ColumnType.BOOLEAN)],
            ["churned"]),
    ];

    private static RequestModelInput Valid() =>
        new("churn v1", "telco_churn", "churned", ["tenure_months", "contract_type"], Algorithm.FAST_TREE, null, null);

    [Fact]
    public void A_valid_request_gets_the_default_validation_fraction_and_a_trimmed_name()
    {
        var (name, _, spec) = ModelRequestValidator.Validate(Valid() with { Name = "  churn v1 " }, Datasets);
        Assert.Equal("churn v1", name);
        Assert.Equal(0.2, spec.ValidationFraction);
        Assert.Equal(["tenure_months", "contract_type"], spec.Features);
    }

    public static TheoryData<RequestModelInput, string> Invalid => new()
    {
        { Valid() with { Name = "" }, "name" },
        { Valid() with { Name = "   " }, "name" },
        { Valid() with { Name = new string('x', 101) }, "name" },
        { Valid() with { Dataset = "nope" }, "dataset" },
        { Valid() with { Label = "responded" }, "label" },
        { Valid() with { Features = [] }, "features" },
        { Valid() with { Features = ["tenure_months", "churned"] }, "features" },
        { Valid() with { Features = ["tenure_months", "tenure_months"] }, "features" },
        { Valid() with { Features = ["shoe_size"] }, "features" },
        { Valid() with { ValidationFraction = 0.049 }, "validationFraction" },
        { Valid() with { ValidationFraction = 0.51 }, "validationFraction" },
        { Valid() with { ValidationFraction = double.NaN }, "validationFraction" },
        { Valid() with { Description = new string('d', 2001) }, "description" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_input_is_VALIDATION_FAILED_on_the_offending_field(RequestModelInput input, string field)
    {
        var error = Assert.Throws<NocodeException>(() => ModelRequestValidator.Validate(input, Datasets));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Details["field"]);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    public void The_validation_fraction_bounds_are_inclusive(double fraction)
    {
        var (_, _, spec) = ModelRequestValidator.Validate(Valid() with { ValidationFraction = fraction }, Datasets);
        Assert.Equal(fraction, spec.ValidationFraction);
    }
}
