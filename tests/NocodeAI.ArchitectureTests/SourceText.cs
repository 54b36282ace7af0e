using System.Text;

namespace NocodeAI.ArchitectureTests;

/// <summary>
/// The string literals of a C# file (regular, verbatim, interpolated and raw), with comments skipped and
/// interpolation holes replaced by <c>{…}</c>: what a SQL statement in the source looks like, without a
/// compiler. Good enough for the boundary rules; it is not a full C# lexer.
/// </summary>
public static class SourceText
{
    public static IReadOnlyList<string> StringLiterals(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var literals = new List<string>();
        var i = 0;
        ScanCode(code, ref i, literals, untilCloseBrace: false);
        return literals;
    }

    private static void ScanCode(string code, ref int i, List<string> literals, bool untilCloseBrace)
    {
        var depth = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '/' && At(code, i + 1, '/'))
            {
                i = code.IndexOf('\n', i) is var nl and >= 0 ? nl + 1 : code.Length;
            }
            else if (c == '/' && At(code, i + 1, '*'))
            {
                i = code.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : code.Length;
            }
            else if (c == '\'')
            {
                i++;
                while (i < code.Length && code[i] != '\'')
                {
                    i += code[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (c is '"' or '$' or '@' && StringStart(code, i) is { } start)
            {
                i = start.QuoteAt;
                literals.Add(ReadString(code, ref i, start.Verbatim, start.Interpolated, literals));
            }
            else if (untilCloseBrace && c == '{')
            {
                depth++;
                i++;
            }
            else if (untilCloseBrace && c == '}')
            {
                i++;
                if (depth-- == 0)
                {
                    return;
                }
            }
            else
            {
                i++;
            }
        }
    }

    private sealed record Start(int QuoteAt, bool Verbatim, bool Interpolated);

    private static Start? StringStart(string code, int i)
    {
        var j = i;
        var verbatim = false;
        var interpolated = false;
        while (j < code.Length && code[j] is '$' or '@')
        {
            verbatim |= code[j] == '@';
            interpolated |= code[j] == '$';
            j++;
        }

        return At(code, j, '"') ? new Start(j, verbatim, interpolated) : null;
    }

    private static string ReadString(string code, ref int i, bool verbatim, bool interpolated, List<string> literals)
    {
        var quotes = 0;
        while (At(code, i + quotes, '"'))
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // Raw string: everything up to the same run of quotes.
            var fence = new string('"', quotes);
            var end = code.IndexOf(fence, i + quotes, StringComparison.Ordinal);
            end = end < 0 ? code.Length : end;
            var raw = code[(i + quotes)..end];
            i = Math.Min(code.Length, end + quotes);
            return raw;
        }

        if (quotes == 2 && !At(code, i + 2, '"'))
        {
            i += 2;
            return string.Empty;
        }

        var text = new StringBuilder();
        i++;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '"')
            {
                if (verbatim && At(code, i + 1, '"'))
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            if (!verbatim && c == '\\')
            {
                text.Append(code, i, Math.Min(2, code.Length - i));
                i += 2;
                continue;
            }

            if (interpolated && c == '{')
            {
                if (At(code, i + 1, '{'))
                {
                    text.Append('{');
                    i += 2;
                    continue;
                }

                i++;
                ScanCode(code, ref i, literals, untilCloseBrace: true);
                text.Append("{…}");
                continue;
            }

            if (interpolated && c == '}' && At(code, i + 1, '}'))
            {
                text.Append('}');
                i += 2;
                continue;
            }

            if (!verbatim && c == '\n')
            {
                break;
            }

            text.Append(c);
            i++;
        }

        return text.ToString();
    }

    private static bool At(string code, int i, char c) => i < code.Length && code[i] == c;
}
