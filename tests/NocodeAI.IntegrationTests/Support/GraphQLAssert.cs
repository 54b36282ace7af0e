using Xunit.Sdk;

namespace NocodeAI.IntegrationTests.Support;

public static class GraphQLAssert
{
    /// <summary>
    /// The response carries an error with <paramref name="code"/> (and, when given, <c>extensions.field</c>),
    /// came with a status below 500, and leaks no exception text or stack trace.
    /// </summary>
    public static JsonElement Error(GraphQLResult result, string code, string? field = null)
    {
        if (result.Status is { } status && (int)status >= 500)
        {
            throw new XunitException($"Expected {code}, got a server error.\n{result}");
        }

        var index = result.ErrorCodes().ToList().IndexOf(code);
        if (index < 0)
        {
            throw new XunitException($"Expected an error with extensions.code {code}{(field is null ? "" : $" (field {field})")}, got [{string.Join(", ", result.ErrorCodes())}].\n{result}");
        }

        if (field is not null && result.ErrorExtension("field", index) != field)
        {
            throw new XunitException($"Expected {code} for field '{field}', got field '{result.ErrorExtension("field", index)}'.\n{result}");
        }

        NoLeaks(result);
        return result.Errors[index];
    }

    /// <summary>No stack trace or .NET exception type name reaches the client.</summary>
    public static void NoLeaks(GraphQLResult result)
    {
        string[] tells = ["   at ", "Exception:", "System.", "Microsoft.", "stacktrace", "StackTrace"];
        var leak = tells.FirstOrDefault(t => result.Body.Contains(t, StringComparison.Ordinal));
        if (leak is not null)
        {
            throw new XunitException($"The response leaks internals ('{leak}').\n{result}");
        }
    }
}
