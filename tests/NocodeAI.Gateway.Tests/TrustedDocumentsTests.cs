using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NocodeAI.Gateway.Http;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Tests;

/// <summary>Trusted documents (a manifest written when the web app is built) and automatic persisted queries.</summary>
public sealed class TrustedDocumentsTests : IDisposable
{
    // As graphql-js prints it into the manifest; the app's client prints the same tokens its own way.
    private const string Registered = "query Me($locale: String!) {\n  me {\n    username\n    menus(locale: $locale) {\n      key\n    }\n  }\n}";
    private const string AsTheAppSendsIt = "query Me($locale:String!){me{username menus(locale:$locale){key}}}";

    private readonly string _manifest = Path.Combine(Path.GetTempPath(), $"trusted-{Guid.NewGuid():N}.json");

    public TrustedDocumentsTests() =>
        File.WriteAllText(_manifest, JsonSerializer.Serialize(new Dictionary<string, string> { [Hash(Registered)] = Registered }));

    public void Dispose() => File.Delete(_manifest);

    private PersistedDocuments Documents(bool only) =>
        new(new GatewayOptions { TrustedDocumentsPath = _manifest, TrustedDocumentsOnly = only }, NullLogger<PersistedDocuments>.Instance);

    [Fact]
    public void Trusted_only_runs_a_registered_document_however_it_is_printed_and_refuses_any_other()
    {
        var documents = Documents(only: true);

        Assert.Equal(AsTheAppSendsIt, documents.Resolve(AsTheAppSendsIt, null).Query);
        Assert.Equal(Registered, documents.Resolve(null, Hash(Registered)).Query);
        var other = documents.Resolve("{ users { username } }", null);
        Assert.Null(other.Query);
        Assert.Equal(PersistedDocuments.NotTrusted, other.Problem!.Code);
        // Not even a hash it learned from a client: only the manifest counts.
        Assert.Equal(PersistedDocuments.NotFound, documents.Resolve(null, Hash("{ users { username } }")).Problem!.Code);
    }

    [Fact]
    public void Automatic_persisted_queries_learn_a_document_once_and_refuse_a_hash_that_does_not_match()
    {
        var documents = Documents(only: false);
        const string query = "{ datasets { name } }";

        Assert.Equal(PersistedDocuments.NotFound, documents.Resolve(null, Hash(query)).Problem!.Code);
        Assert.Equal(query, documents.Resolve(query, Hash(query)).Query);
        Assert.Equal(query, documents.Resolve(null, Hash(query)).Query);
        Assert.Equal(GraphQLRequestReader.BadRequest, documents.Resolve(query, Hash("{ me { id } }")).Problem!.Code);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
