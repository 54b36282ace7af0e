using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.Exceptions;

namespace NocodeAI.GraphQL.Errors;

/// <summary>
/// Shapes every error the same way: a message meant for people and <c>extensions.code</c> (plus
/// the details a client needs, such as <c>field</c> or <c>currentState</c>). Exception types,
/// messages of unexpected exceptions and stack traces never leave the process.
/// </summary>
public sealed class NocodeErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeExceptionDetails = false,
    ExposeCode = true,
    ExposeCodes = false,
    ExposeData = true,
})
{
    /// <summary>Code of a request whose document does not parse (Apollo's convention, which gateways understand).</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>Code of a document that parses but does not validate against the schema.</summary>
    public const string DocumentInvalid = "GRAPHQL_VALIDATION_FAILED";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = info.Extensions ?? new Dictionary<string, object?>();
        switch (executionError)
        {
            case ValidationError validation:
                extensions["code"] = DocumentInvalid;
                extensions["rule"] = validation.Code;
                break;
            case SyntaxError:
            case ExecutionError { InnerException: GraphQLSyntaxErrorException }:
                extensions["code"] = ParseFailed;
                break;
        }

        // ExposeData copies Exception.Data under "data"; our details are flat, next to the code.
        // Exception.Data is a non-generic IDictionary.
        if (extensions.Remove("data", out var data) && data is System.Collections.IDictionary details)
        {
            foreach (System.Collections.DictionaryEntry entry in details)
            {
                if (entry.Key is string key)
                {
                    extensions[key] = entry.Value;
                }
            }
        }

        return new ErrorInfo { Message = info.Message, Extensions = extensions };
    }
}
