using GraphQL.Federation;
using GraphQL.Utilities;

namespace NocodeAI.GraphQL.Hosting;

/// <summary>
/// Marks the value types every subgraph defines the same way as <c>@shareable</c>: Relay's
/// <c>PageInfo</c> comes with each subgraph's connections, and Federation 2 refuses a non-shareable
/// field resolved by two subgraphs.
/// </summary>
internal sealed class SharedValueTypesVisitor : BaseSchemaNodeVisitor
{
    public static readonly IReadOnlySet<string> SharedTypeNames = new HashSet<string>(StringComparer.Ordinal) { "PageInfo" };

    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        if (SharedTypeNames.Contains(type.Name) && type.FindAppliedDirective("shareable") is null)
        {
            type.Shareable();
        }
    }
}
