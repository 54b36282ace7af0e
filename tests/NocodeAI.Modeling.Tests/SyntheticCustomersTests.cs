using NocodeAI.Modeling;

namespace NocodeAI.Modeling.Tests;

public sealed class SyntheticCustomersTests
{
    [Fact]
    public void The_same_seed_gives_the_same_rows()
    {
        var first = SyntheticCustomers.Generate(7, 2_000).ToList();
        var second = SyntheticCustomers.Generate(7, 2_000).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_row_depends_only_on_the_seed_and_its_id()
    {
        var range = SyntheticCustomers.Generate(7, 100, firstId: 501).ToList();

        Assert.Equal(SyntheticCustomers.Customer(7, 550), range[49]);
        Assert.Equal(550, range[49].CustomerId);
    }

    [Fact]
    public void Different_seeds_give_different_rows()
    {
        var first = SyntheticCustomers.Generate(1, 200).ToList();
        var second = SyntheticCustomers.Generate(2, 200).ToList();

        Assert.DoesNotContain(first.Zip(second), p => p.First == p.Second);
    }

    [Fact]
    public void The_default_seed_gives_these_exact_values_on_every_machine()
    {
        // Pinned: a change here means every warehouse reseeds and every documented number moves.
        var customer = SyntheticCustomers.Customer(SyntheticCustomers.DefaultSeed, 2);

        Assert.Equal(
            new SyntheticCustomer(2, 65, 40, 90.36, 3566.89, 25.56, 286.7, 1, 1, 35, "one_year", "electronic_check", "premium", "gyeonggi",
                HasFamilyPlan: false, Is5g: true, Churned: false, Responded: false),
            customer);
    }

    [Fact]
    public void Label_rates_are_those_of_a_realistic_customer_base()
    {
        var customers = SyntheticCustomers.Generate(SyntheticCustomers.DefaultSeed, 20_000).ToList();

        Assert.InRange(customers.Average(c => c.Churned ? 1.0 : 0.0), 0.20, 0.35);
        Assert.InRange(customers.Average(c => c.Responded ? 1.0 : 0.0), 0.12, 0.30);
        Assert.All(customers, c => Assert.InRange(c.Age, 18, 85));
        Assert.All(customers, c => Assert.InRange(c.TenureMonths, 0, 72));
    }

    [Fact]
    public void Labels_follow_the_documented_logistic_models_closely_enough_for_an_auc_near_0_8()
    {
        var customers = SyntheticCustomers.Generate(SyntheticCustomers.DefaultSeed, 20_000).ToList();

        var churnAuc = PermutationImportance.Auc(customers.Select(c => (float)SyntheticCustomers.Churn.Logit(c)).ToArray(), customers.Select(c => c.Churned).ToArray());
        var responseAuc = PermutationImportance.Auc(customers.Select(c => (float)SyntheticCustomers.Response.Logit(c)).ToArray(), customers.Select(c => c.Responded).ToArray());

        Assert.InRange(churnAuc, 0.78, 0.86);
        Assert.InRange(responseAuc, 0.76, 0.85);
    }

    [Fact]
    public void A_batch_of_generated_rows_has_the_catalogue_columns_and_labels()
    {
        var customers = SyntheticCustomers.Generate(3, 10).ToList();

        var batch = SyntheticCustomers.ToBatch(customers, SyntheticCustomers.FeatureColumns, SyntheticCustomers.ChurnLabel);

        Assert.Equal(15, batch.Columns.Count);
        Assert.Equal(customers.Select(c => (float)c.Age), batch.Numbers(0));
        Assert.Equal(customers.Select(c => c.ContractType), batch.Categories(9));
        Assert.Equal(customers.Select(c => c.Is5g ? 1f : 0f), batch.Numbers(14));
        Assert.Equal(customers.Select(c => c.Churned), batch.Labels);
    }
}
