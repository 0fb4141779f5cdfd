using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.SdJwt;

namespace Credentials.Conformance.Tests.SdJwt;

/// <summary>
/// One sd-jwt-js core fixture (<c>claims</c>, <c>disclosureFrame</c>, <c>presentationFrames</c>,
/// <c>presenatedClaims</c> [sic], <c>requiredClaimKeys</c>), translated to our payload builder and claim paths.
/// </summary>
internal sealed class SdJwtJsFixture
{
    private SdJwtJsFixture(JsonObject root)
    {
        Claims = root["claims"]!.AsObject();
        DisclosureFrame = root["disclosureFrame"]!.AsObject();
        PresentationFrame = root["presentationFrames"]!.AsObject();
        PresentedClaims = root["presenatedClaims"]!.AsObject();
        RequiredClaimKeys = [.. root["requiredClaimKeys"]!.AsArray().Select(k => k!.GetValue<string>())];
    }

    public JsonObject Claims { get; }

    public JsonObject DisclosureFrame { get; }

    public JsonObject PresentationFrame { get; }

    public JsonObject PresentedClaims { get; }

    public IReadOnlyList<string> RequiredClaimKeys { get; }

    public static SdJwtJsFixture Load(string fileName)
        => new(JsonNode.Parse(SdJwtVectors.ReadText("sd-jwt-js-core/" + fileName))!.AsObject());

    /// <summary>The payload description: <c>_sd</c> lists disclosable keys (objects) or indices (arrays), <c>_sd_decoy</c> a decoy count, other keys nested frames.</summary>
    public SdObject BuildPayload()
    {
        var payload = SdJwtPayload.Create();
        FillObject(payload, Claims, DisclosureFrame);
        return payload;
    }

    /// <summary>The number of disclosures the frame asks for (one per <c>_sd</c> entry, at every level).</summary>
    public int CountDisclosures() => CountSd(DisclosureFrame);

    /// <summary>
    /// The holder's selection: <c>true</c> selects the claim at that key (or index, for arrays), a nested frame
    /// selects inside it (which brings in the enclosing disclosures), <c>false</c> selects nothing.
    /// </summary>
    public List<ClaimPath> BuildSelection()
    {
        var paths = new List<ClaimPath>();
        Select(PresentationFrame, Claims, [], paths);
        return paths;
    }

    private static void FillObject(SdObject target, JsonObject claims, JsonObject? frame)
    {
        var disclosable = StringSet(frame?["_sd"]);
        CheckFrameKeys(frame, name => claims.ContainsKey(name), disclosable);
        foreach (var (name, value) in claims)
        {
            var isDisclosable = disclosable.Contains(name);
            var nested = frame?[name] as JsonObject;
            if (nested is not null && value is JsonObject obj)
            {
                target.Object(name, o => FillObject(o, obj, nested), isDisclosable);
            }
            else if (nested is not null && value is JsonArray array)
            {
                target.Array(name, a => FillArray(a, array, nested), isDisclosable);
            }
            else if (nested is not null)
            {
                throw new InvalidOperationException($"The frame nests under '{name}', which is neither an object nor an array.");
            }
            else if (isDisclosable)
            {
                target.Disclosable(name, value);
            }
            else
            {
                target.Claim(name, value);
            }
        }

        target.Decoys(frame?["_sd_decoy"]?.GetValue<int>() ?? 0);
    }

    private static void FillArray(SdArray target, JsonArray claims, JsonObject frame)
    {
        var disclosable = frame["_sd"] is JsonArray sd ? sd.Select(i => i!.GetValue<int>()).ToHashSet() : [];
        CheckFrameKeys(frame, name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < claims.Count, disclosable.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToHashSet());
        for (var i = 0; i < claims.Count; i++)
        {
            var value = claims[i];
            var isDisclosable = disclosable.Contains(i);
            var nested = frame[i.ToString(CultureInfo.InvariantCulture)] as JsonObject;
            if (nested is not null && value is JsonObject obj)
            {
                target.Object(o => FillObject(o, obj, nested), isDisclosable);
            }
            else if (nested is not null && value is JsonArray array)
            {
                target.Array(a => FillArray(a, array, nested), isDisclosable);
            }
            else if (nested is not null)
            {
                throw new InvalidOperationException($"The frame nests under index {i}, which is neither an object nor an array.");
            }
            else if (isDisclosable)
            {
                target.DisclosableElement(value);
            }
            else
            {
                target.Element(value);
            }
        }

        target.Decoys(frame["_sd_decoy"]?.GetValue<int>() ?? 0);
    }

    private static HashSet<string> StringSet(JsonNode? sd)
        => sd is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A frame that names a claim the data lacks would silently do nothing; refuse it.</summary>
    private static void CheckFrameKeys(JsonObject? frame, Func<string, bool> exists, IEnumerable<string> disclosable)
    {
        if (frame is null)
        {
            return;
        }

        foreach (var name in frame.Select(m => m.Key).Where(k => k is not ("_sd" or "_sd_decoy")).Concat(disclosable))
        {
            if (!exists(name))
            {
                throw new InvalidOperationException($"The disclosure frame names '{name}', which the claims do not have.");
            }
        }
    }

    private static int CountSd(JsonObject frame)
        => (frame["_sd"] is JsonArray sd ? sd.Count : 0)
            + frame.Where(m => m.Key is not ("_sd" or "_sd_decoy")).Sum(m => m.Value is JsonObject nested ? CountSd(nested) : 0);

    private static void Select(JsonObject frame, JsonNode? claims, List<object?> prefix, List<ClaimPath> paths)
    {
        foreach (var (key, selection) in frame)
        {
            object component;
            JsonNode? child;
            if (claims is JsonArray array || (claims is null && key.All(char.IsAsciiDigit)))
            {
                var index = int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture);
                component = index;
                child = claims is JsonArray a && index < a.Count ? a[index] : null;
            }
            else
            {
                component = key;
                child = claims?[key];
            }

            List<object?> path = [.. prefix, component];
            if (selection is JsonObject nested)
            {
                Select(nested, child, path, paths);
            }
            else if (selection!.GetValue<bool>())
            {
                paths.Add(ClaimPath.Create([.. path]));
            }
        }
    }
}
