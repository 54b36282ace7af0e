using System.Collections.Concurrent;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace NocodeAI.GraphQL.Hosting;

/// <summary>
/// Keeps parsed documents by query text so a repeated operation skips the parser and the document's
/// validation. Only documents that executed (passed validation) are stored, so invalid input cannot
/// fill the cache, and a document found here is checked only by the rules that depend on more than
/// its text (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>: GET is for queries, and
/// the complexity limit, which multiplies by variables such as <c>first</c>). Variables are still
/// coerced and checked on every request. When full it stops adding, which is enough for the handful
/// of operations a gateway and a dashboard send.
/// </summary>
public sealed class DocumentCache(IOptions<GraphQLHostOptions> hostOptions) : IConfigureExecution
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var query = options.Query;
        if (options.Document is null && query is not null && _documents.TryGetValue(query, out var cached))
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }

        var result = await next(options);
        if (query is not null && result.Executed && result.Document is not null && _documents.Count < hostOptions.Value.DocumentCacheSize)
        {
            _documents.TryAdd(query, result.Document);
        }

        return result;
    }
}
