using System.Text;
using System.Text.Json.Nodes;

namespace NocodeAI.IntegrationTests.Support;

/// <summary>Tokens made to order from a real one: claims changed, signed again with the development key or another.</summary>
public static class TestTokens
{
    /// <summary>The development signing keys' paths, exported by <c>./nocode test</c>.</summary>
    public static string KeyPath(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException($"{variable} is not set: run the tests through ./nocode test.");

    /// <summary>Signs the token's header and claims again with RS256: our own key unless another is given.</summary>
    public static string Resign(string token, System.Security.Cryptography.RSA? key = null)
    {
        using var ours = System.Security.Cryptography.RSA.Create();
        if (key is null)
        {
            ours.ImportFromPem(File.ReadAllText(KeyPath("NOCODE_JWT_PRIVATE_KEY")));
        }

        var parts = token.Split('.');
        var signature = (key ?? ours).SignData(
            Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
            System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{parts[0]}.{parts[1]}.{Base64UrlEncode(signature)}";
    }

    /// <summary>Rewrites the claims and keeps the old signature, as a forger without the key would.</summary>
    public static string WithPayload(string token, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        change(payload);
        parts[1] = Base64UrlEncode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    public static byte[] Base64UrlDecode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    public static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
