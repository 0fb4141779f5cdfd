using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using global::Json.Schema;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Checks documents against the 1EdTech Open Badges 3.0 JSON Schemas embedded in this library (section 9.1, step 1:
/// the <c>1EdTechJsonSchemaValidator2019</c> check). The schemas are compiled once per process and shared; the
/// validator is stateless and thread-safe.
/// </summary>
/// <remarks>
/// The schemas declare <c>proof</c> as an array, while the data model (and real credentials, such as the
/// Implementation Guide's signed test vector) allow one proof object. The embedded schemas are therefore adjusted once,
/// when loaded, to accept <c>proof</c> as one <c>Proof</c> object or an array of them; the document itself is
/// validated as received, never rewritten. Everything else is the 1EdTech schema unchanged, with <c>format</c>
/// (<c>date-time</c>) asserted.
/// </remarks>
public static class OpenBadgeSchemaValidator
{
    private static readonly Lazy<JsonSchema> s_achievement = new(() => Load("achievementcredential.json"));
    private static readonly Lazy<JsonSchema> s_endorsement = new(() => Load("endorsementcredential.json"));
    private static readonly Lazy<JsonSchema> s_profile = new(() => Load("profile.json"));

    private static readonly EvaluationOptions s_options = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
    };

    /// <summary>Checks an Open Badges credential against the schema of its type (endorsement or achievement).</summary>
    /// <param name="credential">The credential.</param>
    /// <returns><see langword="null"/> when it conforms; otherwise <see cref="OpenBadgeErrors.SchemaInvalid"/> with the failing location.</returns>
    public static VerificationError? Validate(OpenBadgeCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Validate(credential.Json, OpenBadgeSchema.AchievementCredential);
    }

    /// <summary>Checks an endorsement credential against the endorsement schema.</summary>
    /// <param name="credential">The credential.</param>
    /// <returns><see langword="null"/> when it conforms; otherwise <see cref="OpenBadgeErrors.SchemaInvalid"/>.</returns>
    public static VerificationError? Validate(EndorsementCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Validate(credential.Json, OpenBadgeSchema.EndorsementCredential);
    }

    /// <summary>Checks an untrusted JSON document against one of the schemas; never throws for bad input.</summary>
    /// <param name="document">The document.</param>
    /// <param name="schema">The schema.</param>
    /// <returns>
    /// <see langword="null"/> when it conforms; otherwise <see cref="OpenBadgeErrors.SchemaInvalid"/> whose
    /// <see cref="VerificationError.Path"/> is the deepest failing instance location (the message names the schema
    /// keyword and location, never a value).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="schema"/> is not defined.</exception>
    public static VerificationError? Validate(JsonElement document, OpenBadgeSchema schema)
    {
        var compiled = schema switch
        {
            OpenBadgeSchema.AchievementCredential => s_achievement.Value,
            OpenBadgeSchema.EndorsementCredential => s_endorsement.Value,
            OpenBadgeSchema.Profile => s_profile.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(schema)),
        };

        var results = compiled.Evaluate(document, s_options);
        if (results.IsValid)
        {
            return null;
        }

        // The deepest failing node with errors, reached through failing nodes only (a passing "contains" or "oneOf"
        // keeps failed attempts below it), names the most specific location.
        EvaluationResults? deepest = null;
        var depth = -1;
        foreach (var node in Failing(results))
        {
            if (!node.IsValid && node.Errors is { Count: > 0 })
            {
                var d = node.InstanceLocation.SegmentCount;
                if (d > depth)
                {
                    deepest = node;
                    depth = d;
                }
            }
        }

        var location = deepest?.InstanceLocation.ToString() ?? string.Empty;
        var keywords = deepest?.Errors is { } errors ? string.Join(",", errors.Keys) : "schema";
        return new VerificationError(
            OpenBadgeErrors.SchemaInvalid,
            $"The document does not conform to the 1EdTech {schema} schema at '{location}' ({keywords}).")
        {
            Path = ToClaimPath(document, deepest?.InstanceLocation.ToString() ?? string.Empty),
        };
    }

    private static IEnumerable<EvaluationResults> Failing(EvaluationResults results)
    {
        if (results.IsValid)
        {
            yield break;
        }

        yield return results;
        if (results.Details is { } details)
        {
            foreach (var child in details)
            {
                foreach (var node in Failing(child))
                {
                    yield return node;
                }
            }
        }
    }

    /// <summary>A JSON pointer as a claim path: array positions become indexes.</summary>
    internal static ClaimPath ToClaimPath(JsonElement document, string pointer)
    {
        var path = ClaimPath.Root;
        if (pointer.Length == 0 || pointer == "#")
        {
            return path;
        }

        var current = document;
        foreach (var raw in pointer.TrimStart('#').TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                path = path.Append(index);
                current = current[index];
            }
            else
            {
                path = path.Append(segment);
                current = current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next) ? next : default;
            }
        }

        return path;
    }

    private static JsonSchema Load(string name)
    {
        using var stream = typeof(OpenBadgeSchemaValidator).Assembly.GetManifestResourceStream("Credentials.W3c.OpenBadges.Schemas." + name)
            ?? throw new InvalidOperationException($"The embedded schema '{name}' is missing.");
        var node = JsonNode.Parse(stream)!;
        AllowSingleProof(node);

        // A registry of its own, so the schema's $id never clashes with the application's schemas.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.Build(JsonElement.Parse(node.ToJsonString()), options);
    }

    // The schema quirk (see remarks): "proof": {"type": "array", "items": {"$ref": "#/$defs/Proof"}} also accepts one Proof object.
    private static void AllowSingleProof(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if (obj["properties"] is JsonObject properties
                && properties["proof"] is JsonObject proof
                && proof["type"]?.GetValue<string>() == "array"
                && proof["items"] is JsonObject items
                && items["$ref"]?.GetValue<string>() is { } proofRef)
            {
                properties["proof"] = new JsonObject
                {
                    ["oneOf"] = new JsonArray(
                        new JsonObject { ["$ref"] = proofRef },
                        new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = proofRef } }),
                };
            }

            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    AllowSingleProof(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    AllowSingleProof(child);
                }
            }
        }
    }
}
