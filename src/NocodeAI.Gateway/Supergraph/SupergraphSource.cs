using GraphQL.Types;
using NocodeAI.Gateway.Planning;

namespace NocodeAI.Gateway.Supergraph;

/// <summary>Everything derived from one supergraph file: the planner's model, the API schema and the plan cache.</summary>
public sealed class GatewaySchema
{
    public GatewaySchema(string supergraphSdl, int planCacheSize)
    {
        Model = SupergraphModel.Parse(supergraphSdl);
        ApiSdl = ApiSchema.Sdl(supergraphSdl);
        Api = ApiSchema.Build(ApiSdl);
        Planner = new QueryPlanner(Model);
        Operations = new OperationCache(planCacheSize);
    }

    public SupergraphModel Model { get; }
    public string ApiSdl { get; }
    public ISchema Api { get; }
    public QueryPlanner Planner { get; }
    public OperationCache Operations { get; }
}

public sealed class GatewayOptions
{
    public string SupergraphPath { get; set; } = "../../schema/supergraph.graphql";
    public int PlanCacheSize { get; set; } = 2_000;
    public int MaxTokens { get; set; } = 5_000;
    public int MaxDepth { get; set; } = 15;
    public int MaxAliases { get; set; } = 50;
    public int MaxRootFields { get; set; } = 20;
    public int MaxDirectives { get; set; } = 50;
    public int MaxCost { get; set; } = 50_000;
    public int MaxBodyBytes { get; set; } = 1_000_000;
    public bool Introspection { get; set; } = true;
    public TimeSpan SubgraphTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan SubgraphStreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where Banana Cake Pop's files are (default: explorer/ in the output, or Explorer/node_modules in the source tree).</summary>
    public string? ExplorerPath { get; set; }

    /// <summary>A JSON manifest <c>{ "sha256:hash" or "hash": "document" }</c> of trusted documents.</summary>
    public string? TrustedDocumentsPath { get; set; }

    /// <summary>With a manifest: refuse every document that is not in it (production), instead of also accepting others.</summary>
    public bool TrustedDocumentsOnly { get; set; }
}

/// <summary>
/// The current supergraph. It is read at start and read again whenever the file changes, so a
/// newly composed supergraph takes effect without a restart; a file that does not parse is
/// logged and the previous one kept.
/// </summary>
public sealed class SupergraphSource : IDisposable
{
    private readonly string _path;
    private readonly int _planCacheSize;
    private readonly ILogger<SupergraphSource> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _debounce;
    private volatile GatewaySchema _current;

    public SupergraphSource(GatewayOptions options, IHostEnvironment environment, ILogger<SupergraphSource> logger)
    {
        _path = Path.GetFullPath(Path.IsPathRooted(options.SupergraphPath) ? options.SupergraphPath : Path.Combine(environment.ContentRootPath, options.SupergraphPath));
        _planCacheSize = options.PlanCacheSize;
        _logger = logger;
        _current = new GatewaySchema(File.ReadAllText(_path), _planCacheSize);
        _logger.LogInformation("Supergraph loaded from {Path}: {Subgraphs}", _path, string.Join(", ", _current.Model.Subgraphs.Values.Select(s => $"{s.Name}={s.Url}")));
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
                EnableRaisingEvents = true,
            };
            // Editors and `./nocode compose` write in several steps: reload once the file is quiet.
            FileSystemEventHandler changed = (_, _) => _debounce.Change(300, Timeout.Infinite);
            _watcher.Changed += changed;
            _watcher.Created += changed;
            _watcher.Renamed += (_, _) => _debounce.Change(300, Timeout.Infinite);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _logger.LogWarning(ex, "The supergraph file is not watched; changes need a restart");
        }
    }

    public GatewaySchema Current => _current;

    public string Path_ => _path;

    /// <summary>Reads the file again; true when the new supergraph is in use.</summary>
    public bool Reload()
    {
        try
        {
            var next = new GatewaySchema(File.ReadAllText(_path), _planCacheSize);
            _current = next;
            _logger.LogInformation("Supergraph reloaded from {Path}", _path);
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The supergraph at {Path} could not be loaded; the previous one stays in use", _path);
            return false;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
    }
}
