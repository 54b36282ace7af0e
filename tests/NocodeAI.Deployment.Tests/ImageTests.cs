namespace NocodeAI.Deployment.Tests;

/// <summary>One Dockerfile layout for every deployable, in one place (see <see cref="ImageChecks"/>).</summary>
public sealed class ImageTests
{
    [Fact]
    public void One_dockerfile_at_the_root_builds_every_image_as_a_non_root_stage()
    {
        var images = ImageChecks.Images(File.ReadAllText(Repository.PathOf(ImageChecks.DockerfileName)));

        Assert.Contains(new ImageChecks.Image("models", "service", "NocodeAI.Models"), images);
        Assert.Contains(new ImageChecks.Image("web", "web", null), images);
        AssertNone(ImageChecks.LayoutFollowed(Repository.Root));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlayTests.Overlays), MemberType = typeof(RenderedOverlayTests))]
    public void Every_image_the_manifests_run_has_a_row_in_the_image_table(string overlay) =>
        AssertNone(ImageChecks.ImagesBuilt(Kustomize.Overlay(overlay), Repository.Root));

    [Fact]
    public void A_second_dockerfile_a_missing_project_a_root_stage_or_a_missing_copy_fails_the_check()
    {
        var root = Directory.CreateTempSubdirectory("nocode-images-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "src", "Svc"));
            File.WriteAllText(Path.Combine(root, "src", "Svc", "Svc.csproj"), "<Project />");
            const string Good = """
                # syntax=docker/dockerfile:1.7
                # image: svc  service  Svc
                FROM sdk AS dotnet-build
                COPY src/ src/
                FROM aspnet AS service
                COPY --from=dotnet-build /app ./
                USER 1654
                FROM service AS gateway
                ENV A=1
                # image: gw  gateway  Svc
                """;
            File.WriteAllText(Path.Combine(root, "Dockerfile"), Good);
            Assert.Empty(ImageChecks.LayoutFollowed(root));

            File.WriteAllText(Path.Combine(root, "Dockerfile"), Good
                .Replace("COPY src/ src/", "COPY build/ build/", StringComparison.Ordinal)
                .Replace("# image: gw  gateway  Svc", "# image: gw  gateway  Gone\n# image: seed  tool  Svc\nFROM runtime AS tool\nUSER root", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(root, "src", "Svc", "Dockerfile"), Good);

            var violations = ImageChecks.LayoutFollowed(root);

            Assert.Equal(
                [
                    "src/Svc/Dockerfile: images are built by the one Dockerfile at the root (add a stage or an image row there)",
                    "image gw: src/Gone/Gone.csproj does not exist",
                    "image seed: stage tool does not switch to a non-root USER",
                    "Dockerfile: COPY build/ names nothing in the repository",
                ],
                violations);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, $"{violations.Count} violation(s):\n  " + string.Join("\n  ", violations));
}
