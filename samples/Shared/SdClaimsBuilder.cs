using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;

namespace Credentials.Samples;

/// <summary>
/// Turns a plain claims document into an <see cref="SdObject"/>, deciding for every claim, array element and
/// nested member whether it is a disclosure of its own.
/// </summary>
public static class SdClaimsBuilder
{
    /// <summary>
    /// Builds with a decision per concrete claim path (array elements have integer components).
    /// </summary>
    /// <param name="claims">The claims (no registered claims).</param>
    /// <param name="isDisclosable">Whether the claim at a concrete path is selectively disclosable.</param>
    /// <param name="decoys">Decoy digests at the top level (hide how many claims there are).</param>
    public static SdObject Build(JsonObject claims, Func<ClaimPath, bool> isDisclosable, int decoys = 0)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(isDisclosable);
        var root = SdJwtPayload.Create();
        Fill(root, claims, null, isDisclosable);
        return root.Decoys(decoys);
    }

    /// <summary>
    /// The decision from type metadata: <c>sd: always</c> → disclosable, <c>sd: never</c> → plaintext; claims the
    /// metadata leaves open are disclosable at the top level (personal data by default, minimum disclosure) and
    /// plaintext inside a structure (the structure's own decision covers them).
    /// </summary>
    public static Func<ClaimPath, bool> FromMetadata(ResolvedTypeMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return path => metadata.FindClaim(path)?.Sd switch
        {
            ClaimSelectiveDisclosure.Always => true,
            ClaimSelectiveDisclosure.Never => false,
            _ => path.Length == 1,
        };
    }

    /// <summary>The decision from a list of paths (as given with <c>--sd</c>): disclosable if any path matches; <c>null</c> components match every element.</summary>
    public static Func<ClaimPath, bool> FromPaths(IEnumerable<ClaimPath> disclosable)
    {
        ArgumentNullException.ThrowIfNull(disclosable);
        var list = disclosable.ToArray();
        return path => list.Any(p => p.Matches(path));
    }

    private static void Fill(SdObject target, JsonObject source, ClaimPath? prefix, Func<ClaimPath, bool> isDisclosable)
    {
        foreach (var (name, value) in source)
        {
            var path = prefix is null ? ClaimPath.Of(name) : prefix.Append(name);
            var disclosable = isDisclosable(path);
            switch (value)
            {
                case JsonObject obj:
                    target.Object(name, nested => Fill(nested, obj, path, isDisclosable), disclosable);
                    break;
                case JsonArray array:
                    target.Array(name, nested => Fill(nested, array, path, isDisclosable), disclosable);
                    break;
                default:
                    _ = disclosable ? target.Disclosable(name, value) : target.Claim(name, value);
                    break;
            }
        }
    }

    private static void Fill(SdArray target, JsonArray source, ClaimPath prefix, Func<ClaimPath, bool> isDisclosable)
    {
        for (var i = 0; i < source.Count; i++)
        {
            var path = prefix.Append(i);
            var disclosable = isDisclosable(path);
            switch (source[i])
            {
                case JsonObject obj:
                    target.Object(nested => Fill(nested, obj, path, isDisclosable), disclosable);
                    break;
                case JsonArray array:
                    target.Array(nested => Fill(nested, array, path, isDisclosable), disclosable);
                    break;
                case var value:
                    _ = disclosable ? target.DisclosableElement(value) : target.Element(value);
                    break;
            }
        }
    }
}
