using NocodeAI.Access.Tests.Service;

namespace NocodeAI.Access.Tests;

public sealed class SchemaExportTests
{
    [Fact]
    public async Task Export_schema_writes_the_federated_SDL_without_any_dependency()
    {
        var path = Path.Combine(Path.GetTempPath(), $"access-{Guid.NewGuid():N}.graphql");
        try
        {
            // Production (no development settings), no keys, and a database nobody listens on.
            await ServiceProgram.RunAsync(
            [
                "--export-schema", path,
                "--environment", "Production",
                "--ConnectionStrings:Database=Host=127.0.0.1;Port=1;Database=none;Username=none;Password=unreachable",
            ]).WaitAsync(TimeSpan.FromSeconds(60));

            var sdl = await File.ReadAllTextAsync(path);
            Assert.Contains("@link(url: \"https://specs.apollo.dev/federation/v2.3\"", sdl, StringComparison.Ordinal);
            Assert.Matches("type User @key\\(fields: \"id\"\\)", sdl);
            Assert.Contains("login(username: String!, password: String!): AuthPayload!", sdl, StringComparison.Ordinal);
            Assert.Contains("me: User", sdl, StringComparison.Ordinal);
            Assert.Contains("users: [User!]!", sdl, StringComparison.Ordinal);
            Assert.Contains("createUser(input: CreateUserInput!): User!", sdl, StringComparison.Ordinal);
            Assert.Contains("assignRoles(userId: ID!, roles: [Role!]!): User!", sdl, StringComparison.Ordinal);
            Assert.Contains("setUserDisabled(userId: ID!, disabled: Boolean!): User!", sdl, StringComparison.Ordinal);
            Assert.Contains("disabled: Boolean!", sdl, StringComparison.Ordinal);
            Assert.Matches("enum Role \\{\\s+(\"[^\"]*\"\\s+)?USER\\s+(\"[^\"]*\"\\s+)?APPROVER\\s+(\"[^\"]*\"\\s+)?ADMIN\\s+\\}", sdl);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
