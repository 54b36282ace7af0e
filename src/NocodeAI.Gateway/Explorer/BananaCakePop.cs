using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Explorer;

/// <summary>
/// Banana Cake Pop, the GraphQL IDE the product is specified with, served by the gateway itself at
/// <c>GET /graphql/</c> to browsers: the self-hosted build from npm <c>@chillicream/bananacakepop-graphql-ide</c>
/// (Explorer/package.json; ChilliCream License 1.0, served beside it at <c>/graphql/LICENSE</c>). Nothing
/// comes from a CDN, and a Content-Security-Policy keeps the IDE from reaching any other host (its
/// cloud sign-in, telemetry and update checks). Its settings (<c>bcp-config.json</c>) point it at this
/// endpoint with subscriptions over graphql-transport-ws; the web app's Explorer page passes the
/// signed-in user's token in a cookie, which only pre-fills the IDE's Authorization header.
/// </summary>
public sealed class BananaCakePop : IDisposable
{
    /// <summary>The cookie the web app sets (sent only to /graphql/bcp-config.json) so the IDE opens with the user's token.</summary>
    public const string TokenCookie = "nocode_explorer_token";

    /// <summary>The cookie with the document a new tab of the IDE opens with (the web app's <c>?query=</c>).</summary>
    public const string DocumentCookie = "nocode_explorer_document";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self' http://localhost:* http://127.0.0.1:*";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly PhysicalFileProvider? _files;

    public BananaCakePop(GatewayOptions options, IHostEnvironment environment, ILogger<BananaCakePop> logger)
    {
        var root = Locate(options.ExplorerPath, environment.ContentRootPath);
        if (root is null)
        {
            logger.LogWarning("Banana Cake Pop is not installed (npm ci in src/NocodeAI.Gateway/Explorer); GET /graphql in a browser explains how to install it");
            return;
        }

        _files = new PhysicalFileProvider(root);
        logger.LogInformation("Banana Cake Pop served from {Root}", root);
    }

    public bool Installed => _files is not null;

    public void Dispose() => _files?.Dispose();

    /// <summary>A browser asking for the endpoint itself: a GET that accepts HTML and carries no GraphQL query.</summary>
    public static bool IsBrowserVisit(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Query.ContainsKey("query")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The IDE's page; <c>/graphql</c> redirects to <c>/graphql/</c> so its relative asset paths resolve.</summary>
    public async Task ServeIndexAsync(HttpContext http)
    {
        if (!http.Request.Path.Value!.EndsWith('/'))
        {
            http.Response.Redirect(http.Request.PathBase + http.Request.Path + "/" + http.Request.QueryString, permanent: true);
            return;
        }

        if (_files is null)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("<!doctype html><title>NocodeAI explorer</title><p>The explorer (Banana Cake Pop) is not installed: run <code>./nocode up</code>, which runs <code>npm ci</code> in <code>src/NocodeAI.Gateway/Explorer</code>. GraphQL itself is served here: POST, GET with <code>?query=</code>, WebSocket and SSE.</p>");
            return;
        }

        await SendFileAsync(http, "index.html", cache: false);
    }

    /// <summary>The IDE's own files and its settings, under <c>/graphql/</c>.</summary>
    public async Task ServeAssetAsync(HttpContext http, string path)
    {
        if (path == "bcp-config.json")
        {
            await WriteConfigAsync(http);
            return;
        }

        if (_files is null || path.Contains("..", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await SendFileAsync(http, path, cache: path.StartsWith("static/", StringComparison.Ordinal));
    }

    private static async Task WriteConfigAsync(HttpContext http)
    {
        var options = new JsonObject
        {
            ["title"] = "NocodeAI",
            ["useBrowserUrlAsEndpoint"] = true,
            ["subscriptionProtocol"] = "graphql-transport-ws",
            ["disableTelemetry"] = true,
            ["includeCookies"] = false,
        };
        if (http.Request.Cookies.TryGetValue(TokenCookie, out var token) && Uri.UnescapeDataString(token ?? "") is { Length: > 0 and < 8192 } unescaped && !unescaped.Any(char.IsWhiteSpace))
        {
            token = unescaped;
            options["httpHeaders"] = new JsonObject { ["Authorization"] = $"Bearer {token}" };
        }

        if (http.Request.Cookies.TryGetValue(DocumentCookie, out var document) && document is { Length: > 0 and < 8192 })
        {
            options["graphQLDocument"] = Uri.UnescapeDataString(document);
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(options.ToJsonString());
    }

    private async Task SendFileAsync(HttpContext http, string path, bool cache)
    {
        var file = _files!.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        if (file.Name == "LICENSE") http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = cache ? "public, max-age=31536000, immutable" : "no-cache";
        http.Response.ContentLength = file.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.SendFileAsync(file, http.RequestAborted);
    }

    /// <summary>The configured folder, the copy in the build output (explorer/), or the npm folder next to the project.</summary>
    private static string? Locate(string? configured, string contentRoot)
    {
        var candidates = new List<string>();
        if (configured is { Length: > 0 }) candidates.Add(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
        candidates.Add(Path.Combine(contentRoot, "explorer"));
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, "Explorer", "node_modules", "@chillicream", "bananacakepop-graphql-ide"));
            candidates.Add(Path.Combine(directory.FullName, "src", "NocodeAI.Gateway", "Explorer", "node_modules", "@chillicream", "bananacakepop-graphql-ide"));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "index.html")) && File.Exists(Path.Combine(c, "LICENSE")));
    }
}
