using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace NocodeAI.GraphQL.Hosting;

public static class SubgraphRunner
{
    /// <summary>
    /// Runs the subgraph, or with <c>--export-schema &lt;path&gt;</c> writes its federated SDL (what
    /// <c>{ _service { sdl } }</c> answers) to the file and exits without touching any dependency.
    /// <c>./nocode compose</c> uses it to refresh <c>schema/</c>.
    /// </summary>
    public static async Task RunSubgraphAsync(this WebApplication app, string[] args)
    {
        var index = Array.IndexOf(args, "--export-schema");
        if (index < 0)
        {
            await app.RunAsync();
            return;
        }

        var path = index + 1 < args.Length ? args[index + 1] : throw new ArgumentException("--export-schema needs a file path");
        var sdl = await ExportSdlAsync(app.Services);
        await File.WriteAllTextAsync(path, sdl);
    }

    public static async Task<string> ExportSdlAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = "{ _service { sdl } }",
            RequestServices = scope.ServiceProvider,
        });
        if (result.Errors is { Count: > 0 } errors)
        {
            throw new InvalidOperationException("Could not export the schema: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        using var json = System.Text.Json.JsonDocument.Parse(serializer.Serialize(result));
        var sdl = json.RootElement.GetProperty("data").GetProperty("_service").GetProperty("sdl").GetString()!;
        return sdl.ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
