using NocodeAI.GraphQL.Identity;
using NocodeAI.Warehouse;

namespace NocodeAI.Models.Datasets;

public sealed class DatasetType : ObjectGraphType<Dataset>
{
    public DatasetType()
    {
        Name = "Dataset";
        Description = "A dataset of the warehouse catalogue that models can be trained on.";
        Field(x => x.Name);
        Field(x => x.Description);
        Field<NonNullGraphType<IntGraphType>>("rowCount").Resolve(ctx => (int)Math.Min(int.MaxValue, ctx.Source.RowCount));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetColumnType>>>>("columns")
            .Description("Columns usable as features (labels excluded).")
            .Resolve(ctx => ctx.Source.Columns);
        Field(x => x.Labels).Description("Columns that can be predicted.");
    }
}

public sealed class DatasetColumnType : ObjectGraphType<DatasetColumn>
{
    public DatasetColumnType()
    {
        Name = "DatasetColumn";
        Field(x => x.Name);
        Field<NonNullGraphType<StringGraphType>>("type").Description("NUMERIC, CATEGORICAL or BOOLEAN.").Resolve(ctx => ctx.Source.Type.ToString());
    }
}

public static class DatasetQueries
{
    public static void AddDatasetQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetType>>>>("datasets")
            .Description("Datasets of the warehouse catalogue.")
            .ResolveAsync(async ctx =>
            {
                ctx.RequireCaller();
                var catalog = ctx.RequestServices!.GetRequiredService<DatasetCatalog>();
                return await catalog.GetDatasetsAsync(ctx.CancellationToken);
            });
}
