namespace NocodeAI.Warehouse.Seeding;

/// <summary>
/// Deterministic synthetic telecom customers. Every value of a row comes from a SplitMix64 stream keyed by
/// (seed, customer_id), so a seed gives the same rows everywhere and any row can be made on its own.
/// The two labels are Bernoulli draws from the known logistic models <see cref="Churn"/> and
/// <see cref="Response"/>: a model that learns them well reaches an AUC of about 0.8.
/// </summary>
public static class SyntheticCustomers
{
    /// <summary>Changes whenever the generator would produce different rows for the same seed.</summary>
    public const string GeneratorVersion = "customers-v1";

    public const int DefaultSeed = 20_240_601;

    public const long DefaultRows = 100_000;

    public const string TableName = "customers";

    public const string ChurnDataset = "telco_churn";

    public const string ChurnLabel = "churned";

    public const string ResponseDataset = "campaign_response";

    public const string ResponseLabel = "responded";

    private static readonly string[] Contracts = ["month_to_month", "one_year", "two_year"];
    private static readonly string[] PaymentMethods = ["credit_card", "bank_transfer", "electronic_check", "mailed_check"];
    private static readonly string[] PlanTiers = ["basic", "standard", "premium", "unlimited"];
    private static readonly string[] Regions = ["seoul", "gyeonggi", "busan", "daegu", "other"];

    private static readonly double[] PaymentWeights = [0.30, 0.25, 0.30, 0.15];
    private static readonly double[] PlanWeights = [0.30, 0.35, 0.22, 0.13];
    private static readonly double[] RegionWeights = [0.30, 0.28, 0.14, 0.10, 0.18];
    private static readonly double[] PlanBaseCharge = [25, 45, 70, 95];
    private static readonly double[] PlanMedianDataGb = [3, 8, 18, 35];
    private static readonly double[] PlanFiveGChance = [0.15, 0.30, 0.55, 0.70];
    private static readonly double[] RegionDropLimit = [Math.Exp(-1.0), Math.Exp(-1.3), Math.Exp(-1.5), Math.Exp(-1.6), Math.Exp(-2.2)];

    /// <summary>
    /// The churn model (label <c>churned</c>): P(churned) = σ(logit) with
    /// logit = Intercept + contract term + Tenure·tenure_months + MonthlyCharges·(monthly_charges − 60)
    /// + SupportCalls·support_calls + DroppedCalls·dropped_calls + ElectronicCheck·[electronic_check]
    /// + FamilyPlan·[has_family_plan] + FiveG·[is_5g] + DeviceAge·device_age_months + Age·(age − 44).
    /// call_minutes, data_usage_gb, total_charges, plan_tier and region have coefficient 0 (total_charges and
    /// plan_tier still correlate with tenure and charges).
    /// </summary>
    public static class Churn
    {
        public const double Intercept = -1.9;
        public const double MonthToMonth = 1.1;
        public const double OneYear = 0.0;
        public const double TwoYear = -1.2;
        public const double Tenure = -0.035;
        public const double MonthlyCharges = 0.025;
        public const double SupportCalls = 0.40;
        public const double DroppedCalls = 0.20;
        public const double ElectronicCheck = 0.55;
        public const double FamilyPlan = -0.50;
        public const double FiveG = -0.30;
        public const double DeviceAge = 0.015;
        public const double Age = -0.012;
        public const double CallMinutes = 0.0;

        public static double Logit(SyntheticCustomer c)
        {
            ArgumentNullException.ThrowIfNull(c);
            return Intercept
                + c.ContractType switch { "month_to_month" => MonthToMonth, "two_year" => TwoYear, _ => OneYear }
                + (Tenure * c.TenureMonths)
                + (MonthlyCharges * (c.MonthlyCharges - 60))
                + (SupportCalls * c.SupportCalls)
                + (DroppedCalls * c.DroppedCalls)
                + (c.PaymentMethod == "electronic_check" ? ElectronicCheck : 0)
                + (c.HasFamilyPlan ? FamilyPlan : 0)
                + (c.Is5g ? FiveG : 0)
                + (DeviceAge * c.DeviceAgeMonths)
                + (Age * (c.Age - 44))
                + (CallMinutes * c.CallMinutes);
        }
    }

    /// <summary>
    /// The campaign-response model (label <c>responded</c>): P(responded) = σ(logit) with
    /// logit = Intercept + DataUsage·data_usage_gb + FiveG·[is_5g] + FamilyPlan·[has_family_plan] + plan term
    /// + region term + Age·(age − 44) + DeviceAge·device_age_months + MonthToMonth·[month_to_month]
    /// + SupportCalls·support_calls. call_minutes, tenure_months, dropped_calls and payment_method have coefficient 0.
    /// </summary>
    public static class Response
    {
        public const double Intercept = -3.6;
        public const double DataUsage = 0.035;
        public const double FiveG = 0.80;
        public const double FamilyPlan = 0.50;
        public const double Basic = -0.30;
        public const double Standard = 0.0;
        public const double Premium = 0.40;
        public const double Unlimited = 0.20;
        public const double Seoul = 0.45;
        public const double Gyeonggi = 0.25;
        public const double Busan = 0.0;
        public const double Daegu = -0.20;
        public const double OtherRegion = -0.35;
        public const double Age = -0.03;
        public const double DeviceAge = 0.035;
        public const double MonthToMonth = 0.30;
        public const double SupportCalls = -0.25;
        public const double CallMinutes = 0.0;

        public static double Logit(SyntheticCustomer c)
        {
            ArgumentNullException.ThrowIfNull(c);
            return Intercept
                + (DataUsage * c.DataUsageGb)
                + (c.Is5g ? FiveG : 0)
                + (c.HasFamilyPlan ? FamilyPlan : 0)
                + c.PlanTier switch { "basic" => Basic, "premium" => Premium, "unlimited" => Unlimited, _ => Standard }
                + c.Region switch { "seoul" => Seoul, "gyeonggi" => Gyeonggi, "daegu" => Daegu, "other" => OtherRegion, _ => Busan }
                + (Age * (c.Age - 44))
                + (DeviceAge * c.DeviceAgeMonths)
                + (c.ContractType == "month_to_month" ? MonthToMonth : 0)
                + (SupportCalls * c.SupportCalls)
                + (CallMinutes * c.CallMinutes);
        }
    }

    /// <summary>The columns of <c>customers</c> after customer_id, in table order, as the catalogue describes them.</summary>
    public static IReadOnlyList<CustomerColumn> Columns { get; } =
    [
        new("age", ColumnType.NUMERIC, "Age in years.", c => c.Age),
        new("tenure_months", ColumnType.NUMERIC, "Months since the customer joined.", c => c.TenureMonths),
        new("monthly_charges", ColumnType.NUMERIC, "Current monthly bill.", c => c.MonthlyCharges),
        new("total_charges", ColumnType.NUMERIC, "Billed over the whole tenure.", c => c.TotalCharges),
        new("data_usage_gb", ColumnType.NUMERIC, "Mobile data used last month, in GB.", c => c.DataUsageGb),
        new("call_minutes", ColumnType.NUMERIC, "Voice minutes last month.", c => c.CallMinutes),
        new("dropped_calls", ColumnType.NUMERIC, "Dropped calls last month.", c => c.DroppedCalls),
        new("support_calls", ColumnType.NUMERIC, "Calls to customer support in the last quarter.", c => c.SupportCalls),
        new("device_age_months", ColumnType.NUMERIC, "Age of the handset in months.", c => c.DeviceAgeMonths),
        new("contract_type", ColumnType.CATEGORICAL, "month_to_month, one_year or two_year.", c => c.ContractType),
        new("payment_method", ColumnType.CATEGORICAL, "credit_card, bank_transfer, electronic_check or mailed_check.", c => c.PaymentMethod),
        new("plan_tier", ColumnType.CATEGORICAL, "basic, standard, premium or unlimited.", c => c.PlanTier),
        new("region", ColumnType.CATEGORICAL, "seoul, gyeonggi, busan, daegu or other.", c => c.Region),
        new("has_family_plan", ColumnType.BOOLEAN, "Part of a family plan.", c => c.HasFamilyPlan),
        new("is_5g", ColumnType.BOOLEAN, "On a 5G plan and handset.", c => c.Is5g),
        new(ChurnLabel, ColumnType.BOOLEAN, "Left within 90 days of the snapshot.", c => c.Churned, IsLabel: true),
        new(ResponseLabel, ColumnType.BOOLEAN, "Accepted the last upgrade campaign offer.", c => c.Responded, IsLabel: true),
    ];

    /// <summary>The feature columns every dataset over <c>customers</c> exposes.</summary>
    public static IReadOnlyList<DatasetColumn> FeatureColumns { get; } =
        Columns.Where(c => !c.IsLabel).Select(c => new DatasetColumn(c.Name, c.Type)).ToList();

    /// <summary>The catalogue entries for <paramref name="rows"/> generated customers (one label each).</summary>
    public static IReadOnlyList<Dataset> Datasets(long rows) =>
    [
        new(ChurnDataset, "Telecom customers and whether they churned within 90 days.", rows, FeatureColumns, [ChurnLabel]) { SourceTable = TableName },
        new(ResponseDataset, "Telecom customers and whether they accepted the last upgrade campaign.", rows, FeatureColumns, [ResponseLabel]) { SourceTable = TableName },
    ];

    /// <summary>Customers <paramref name="firstId"/> … <paramref name="firstId"/> + <paramref name="count"/> − 1.</summary>
    public static IEnumerable<SyntheticCustomer> Generate(int seed, long count, long firstId = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var id = firstId; id < firstId + count; id++)
        {
            yield return Customer(seed, id);
        }
    }

    /// <summary>The one customer with this id under this seed (a pure function of both).</summary>
    public static SyntheticCustomer Customer(int seed, long customerId)
    {
        var random = SplitMix64.ForRow(seed, customerId);

        var age = (int)Math.Clamp(Math.Round(random.Normal(44, 13)), 18, 85);
        var tenure = random.Chance(0.35) ? (int)(random.NextDouble() * 13) : (int)(random.NextDouble() * 73);
        var monthToMonthChance = tenure < 12 ? 0.65 : 0.45;
        var contract = random.Pick([monthToMonthChance, 0.25, 0.75 - monthToMonthChance]);
        var payment = random.Pick(PaymentWeights);
        var plan = random.Pick(PlanWeights);
        var region = random.Pick(RegionWeights);
        var is5g = random.Chance(PlanFiveGChance[plan]);
        var family = random.Chance(age is >= 35 and <= 55 ? 0.38 : 0.24);

        var monthly = Math.Max(10, PlanBaseCharge[plan] + (is5g ? 8 : 0) + (family ? 15 : 0) + random.Normal(0, 6));
        var total = monthly * tenure * (1 + random.Normal(0, 0.03));
        var dataGb = PlanMedianDataGb[plan] * (is5g ? 1.3 : 1.0) * Math.Exp(random.Normal(0, 0.5));
        var minutes = Math.Max(0, random.Normal(300, 110));
        var dropped = random.Poisson(RegionDropLimit[region]);
        var support = random.Poisson(Math.Exp(-(1.0 + (0.2 * dropped))));
        var deviceAge = (int)(random.NextDouble() * 49);

        var customer = new SyntheticCustomer(
            customerId,
            age,
            tenure,
            Math.Round(monthly, 2),
            Math.Round(Math.Max(0, total), 2),
            Math.Round(dataGb, 2),
            Math.Round(minutes, 1),
            dropped,
            support,
            deviceAge,
            Contracts[contract],
            PaymentMethods[payment],
            PlanTiers[plan],
            Regions[region],
            family,
            is5g,
            Churned: false,
            Responded: false);

        var churnDraw = random.NextDouble();
        var responseDraw = random.NextDouble();
        return customer with
        {
            Churned = churnDraw < Sigmoid(Churn.Logit(customer)),
            Responded = responseDraw < Sigmoid(Response.Logit(customer)),
        };
    }

    /// <summary>
    /// The customers as one <see cref="WarehouseBatch"/> of the given feature columns (and label), as the
    /// warehouse reader would return them: for in-memory training and scoring without a database.
    /// </summary>
    public static WarehouseBatch ToBatch(IReadOnlyList<SyntheticCustomer> customers, IReadOnlyList<DatasetColumn> features, string? label)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(features);
        var byName = Columns.ToDictionary(c => c.Name);
        var numbers = new float[]?[features.Count];
        var categories = new string[]?[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var column = byName[features[i].Name];
            if (column.Type == ColumnType.CATEGORICAL)
            {
                categories[i] = customers.Select(c => (string)column.Value(c)).ToArray();
            }
            else
            {
                numbers[i] = customers.Select(c => column.Value(c) switch
                {
                    bool flag => flag ? 1f : 0f,
                    var number => Convert.ToSingle(number, CultureInfo.InvariantCulture),
                }).ToArray();
            }
        }

        var labels = label is null ? null : customers.Select(c => (bool)byName[label].Value(c)).ToArray();
        return new WarehouseBatch(features, customers.Select(c => c.CustomerId).ToArray(), numbers, categories, labels);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}

/// <summary>A column of <c>customers</c>: its catalogue description and how to read it off a generated row.</summary>
public sealed record CustomerColumn(string Name, ColumnType Type, string Description, Func<SyntheticCustomer, object> Value, bool IsLabel = false);
