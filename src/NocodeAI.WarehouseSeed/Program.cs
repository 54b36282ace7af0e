using System.Globalization;
using NocodeAI.Warehouse.Seeding;

// Usage: NocodeAI.WarehouseSeed [--connection <cs>] [--rows N] [--seed S]; the connection defaults to Warehouse__ConnectionString.
var connection = Option("--connection") ?? Environment.GetEnvironmentVariable("Warehouse__ConnectionString")
    ?? throw new ArgumentException("Pass --connection <connection string> or set Warehouse__ConnectionString.");
var rows = long.Parse(Option("--rows") ?? $"{SyntheticCustomers.DefaultRows}", CultureInfo.InvariantCulture);
var seed = int.Parse(Option("--seed") ?? $"{SyntheticCustomers.DefaultSeed}", CultureInfo.InvariantCulture);

var result = await new WarehouseSeeder(connection).SeedAsync(rows, seed);
Console.WriteLine(result.Skipped
    ? $"warehouse already holds {result.Rows:N0} customers ({result.SeedVersion}); nothing to do ({result.Elapsed.TotalSeconds:F1} s)"
    : $"seeded {result.Rows:N0} customers ({result.SeedVersion}) with datasets telco_churn and campaign_response in {result.Elapsed.TotalSeconds:F1} s");

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
