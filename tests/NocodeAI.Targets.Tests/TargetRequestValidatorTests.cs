using NocodeAI.Targets.TargetRequests;

namespace NocodeAI.Targets.Tests;

public sealed class TargetRequestValidatorTests
{
    private static readonly string ModelId = Guid.NewGuid().ToString();

    private static RequestTargetInput Input(string name = "Q4", int? topN = 100, double? minScore = null, string message = "Hello") =>
        new(ModelId, name, topN, minScore, message);

    private static void Refused(RequestTargetInput input, string field)
    {
        var error = Assert.Throws<NocodeException>(() => TargetRequestValidator.Validate(input));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Details["field"]);
    }

    [Fact]
    public void A_valid_input_passes() => Assert.Equal(100, TargetRequestValidator.Validate(Input()).Criteria.TopN);

    [Fact]
    public void Both_criteria_together_are_accepted()
    {
        var criteria = TargetRequestValidator.Validate(Input(topN: 10, minScore: 0.5)).Criteria;
        Assert.Equal(new TargetCriteria(10, 0.5), criteria);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_name_is_refused(string name) => Refused(Input(name: name), "name");

    [Fact]
    public void A_name_over_100_characters_is_refused() => Refused(Input(name: new string('a', 101)), "name");

    [Fact]
    public void Neither_criterion_is_refused() => Refused(Input(topN: null, minScore: null), "topN");

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void TopN_out_of_range_is_refused(int topN) => Refused(Input(topN: topN), "topN");

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void MinScore_out_of_range_is_refused(double minScore) => Refused(Input(topN: null, minScore: minScore), "minScore");

    [Fact]
    public void An_unknown_model_id_format_is_refused() => Refused(Input() with { ModelRequestId = "nope" }, "modelRequestId");

    [Fact]
    public void An_empty_message_is_refused() => Refused(Input(message: "  "), "message");

    [Fact]
    public void Hangul_counts_two_bytes_in_EUC_KR_and_ASCII_one()
    {
        Assert.Equal(2, TargetRequestValidator.MessageBytes("가"));
        Assert.Equal(10, TargetRequestValidator.MessageBytes("안녕하세요"));
        Assert.Equal(5, TargetRequestValidator.MessageBytes("Hello"));
    }

    [Fact]
    public void A_message_of_exactly_2000_EUC_KR_bytes_passes_and_one_more_byte_is_refused()
    {
        // 1,000 Hangul syllables: 2,000 bytes in EUC-KR (3,000 in UTF-8, which MIDAS does not count).
        var atLimit = new string('가', 1000);
        TargetRequestValidator.Validate(Input(message: atLimit));
        Refused(Input(message: atLimit + "a"), "message");
    }

    [Fact]
    public void Characters_EUC_KR_cannot_encode_are_refused() => Refused(Input(message: "hi 😀"), "message");
}
