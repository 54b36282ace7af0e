namespace NocodeAI.Warehouse.Seeding;

/// <summary>One synthetic telecom customer: a row of the warehouse table <c>customers</c>.</summary>
public sealed record SyntheticCustomer(
    long CustomerId,
    int Age,
    int TenureMonths,
    double MonthlyCharges,
    double TotalCharges,
    double DataUsageGb,
    double CallMinutes,
    int DroppedCalls,
    int SupportCalls,
    int DeviceAgeMonths,
    string ContractType,
    string PaymentMethod,
    string PlanTier,
    string Region,
    bool HasFamilyPlan,
    bool Is5g,
    bool Churned,
    bool Responded);
