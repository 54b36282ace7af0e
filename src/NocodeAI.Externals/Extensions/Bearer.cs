using System.Security.Cryptography;
using System.Text;

namespace NocodeAI.Externals.Extensions;

internal static class Bearer
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>True when <paramref name="expected"/> is empty or the request carries <c>Authorization: Bearer &lt;expected&gt;</c>.</summary>
    public static bool Accepts(HttpRequest request, string? expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return true;
        }

        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }

    public static string? IdempotencyKey(HttpRequest request)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString().Trim();
        return key.Length is > 0 and <= 200 ? key : null;
    }

    public static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
