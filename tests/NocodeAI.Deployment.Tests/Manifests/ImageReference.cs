using System.Text.RegularExpressions;

namespace NocodeAI.Deployment.Tests.Manifests;

/// <summary>An image reference split into repository, tag and digest: <c>registry/name:tag@sha256:...</c>.</summary>
public sealed partial record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>Pinned: a digest, or a release tag that names at least major.minor (<c>2.15.2-alpine</c>, <c>v1.21.2</c>).</summary>
    public bool IsPinned => Digest is not null || (Tag is not null && Tag != "latest" && ReleaseTag().IsMatch(Tag));

    public static ImageReference Parse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? new ImageReference(image[..colon], image[(colon + 1)..], digest) : new ImageReference(image, null, digest);
    }

    [GeneratedRegex(@"^v?\d+\.\d+")]
    private static partial Regex ReleaseTag();
}
