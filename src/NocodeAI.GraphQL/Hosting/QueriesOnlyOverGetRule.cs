using GraphQL.Validation;
using GraphQLParser.AST;

namespace NocodeAI.GraphQL.Hosting;

/// <summary>GET must be safe (GraphQL over HTTP): a mutation or subscription sent by GET is refused before it runs.</summary>
public sealed class QueriesOnlyOverGetRule : ValidationRuleBase
{
    public static readonly QueriesOnlyOverGetRule Instance = new();

    /// <summary>The error's code; the endpoint answers it with 405 and <c>Allow: POST</c>.</summary>
    public const string Code = "METHOD_NOT_ALLOWED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new ValidationError(
                $"Only queries may be sent with GET; send this {context.Operation.Operation.ToString().ToLowerInvariant()} with POST.")
            {
                Code = Code,
            });
        }

        return default;
    }
}
