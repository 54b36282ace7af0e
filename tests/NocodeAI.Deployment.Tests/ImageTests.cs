namespace NocodeAI.Deployment.Tests;

/// <summary>One Dockerfile layout for every deployable, in its own folder (see <see cref="ImageChecks"/>).</summary>
public sealed class ImageTests
{
    [Fact]
    public void Every_dockerfile_sits_beside_its_deployable_and_follows_the_shared_layout()
    {
        var dockerfiles = ImageChecks.Find(Repository.Root);

        Assert.Contains(dockerfiles, d => d.RelativePath == "src/NocodeAI.Models/Dockerfile");
        Assert.Contains(dockerfiles, d => d.RelativePath == "web/Dockerfile");
        AssertNone(ImageChecks.LayoutFollowed(Repository.Root, dockerfiles));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlayTests.Overlays), MemberType = typeof(RenderedOverlayTests))]
    public void Every_image_the_manifests_run_is_built_by_one_dockerfile(string overlay) =>
        AssertNone(ImageChecks.ImagesBuilt(Kustomize.Overlay(overlay), ImageChecks.Find(Repository.Root)));

    [Fact]
    public void A_dockerfile_outside_a_deployable_folder_or_copying_a_missing_path_fails_the_check()
    {
        var root = Directory.CreateTempSubdirectory("nocode-images-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "src", "Svc"));
            File.WriteAllText(Path.Combine(root, "src", "Svc", "Svc.csproj"), "<Project />");
            Directory.CreateDirectory(Path.Combine(root, "k8s", "images", "svc"));
            const string Good = """
                # syntax=docker/dockerfile:1.7
                #   docker build -f src/Svc/Dockerfile -t <registry>/nocode/svc:<version> .
                FROM sdk AS build
                COPY src/ src/
                FROM aspnet AS runtime
                COPY --from=build /app ./
                USER 1654
                """;
            File.WriteAllText(Path.Combine(root, "src", "Svc", "Dockerfile"), Good);
            Assert.Empty(ImageChecks.LayoutFollowed(root, ImageChecks.Find(root)));

            File.WriteAllText(Path.Combine(root, "src", "Svc", "Dockerfile"), Good.Replace("COPY src/ src/", "COPY build/ build/", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(root, "k8s", "images", "svc", "Dockerfile"), Good.Replace("src/Svc/Dockerfile", "k8s/images/svc/Dockerfile", StringComparison.Ordinal));

            var violations = ImageChecks.LayoutFollowed(root, ImageChecks.Find(root));
            Assert.Contains(violations, v => v.StartsWith("k8s/images/svc/Dockerfile: not beside a deployable", StringComparison.Ordinal));
            Assert.Contains(violations, v => v.StartsWith("src/Svc/Dockerfile: COPY build/ names nothing", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, $"{violations.Count} violation(s):\n  " + string.Join("\n  ", violations));
}
