using System.Globalization;
using System.Text;
using GraphQL.Builders;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;

namespace NocodeAI.GraphQL.Paging;

/// <summary>
/// A page of a Relay connection (SPEC §4: <c>first</c> default 20, max 100, and <c>after</c>).
/// Cursors are opaque to clients; they encode the position in the list's fixed ordering.
/// </summary>
public readonly record struct PageRequest(int First, int Offset)
{
    public const int DefaultFirst = 20;
    public const int MaxFirst = 100;
    private const string CursorPrefix = "o:";

    public static PageRequest From(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first") ?? DefaultFirst;
        if (first is < 1 or > MaxFirst)
        {
            throw NocodeException.Validation("first", $"'first' must be between 1 and {MaxFirst}.");
        }

        var after = context.GetArgument<string?>("after");
        return new PageRequest(first, after is null ? 0 : DecodeCursor(after) + 1);
    }

    public static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw NocodeException.Validation("after", "'after' is not a cursor this list returned.");
    }
}

public static class ConnectionExtensions
{
    /// <summary>Adds the connection arguments of SPEC §4 to a list field.</summary>
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"How many items (default {PageRequest.DefaultFirst}, at most {PageRequest.MaxFirst}).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.");

    /// <summary>Pages an ordered query: one COUNT and one bounded SELECT.</summary>
    public static async Task<Connection<TNode>> ToConnectionAsync<TSource, TNode>(
        this IQueryable<TSource> ordered, PageRequest page, Func<TSource, TNode> map, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var rows = await ordered.Skip(page.Offset).Take(page.First + 1).ToListAsync(cancellationToken);
        var edges = rows.Take(page.First)
            .Select((row, i) => new Edge<TNode> { Cursor = PageRequest.EncodeCursor(page.Offset + i), Node = map(row) })
            .ToList();
        return new Connection<TNode>
        {
            TotalCount = total,
            Edges = edges,
            PageInfo = new PageInfo
            {
                HasNextPage = rows.Count > page.First,
                HasPreviousPage = page.Offset > 0,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }
}
