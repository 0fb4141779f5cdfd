using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Conformance.Tests.OpenBadges;

/// <summary>
/// The 1EdTech JSON Schemas (section 9.1, step 1) over the specification's own examples: unsigned
/// (<c>vectors/openbadges/examples</c>), rendered and signed with Data Integrity (<c>spec-rendered-signed/*.di.json</c>),
/// the Implementation Guide's signed test vector (single-object <c>proof</c>), and broken copies of them.
/// </summary>
public sealed class OpenBadgeSchemaVectorTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(VectorPath("examples"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.Combine("examples", Path.GetFileName(file)));
        }

        foreach (var file in Directory.GetFiles(VectorPath("spec-rendered-signed"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.Combine("spec-rendered-signed", Path.GetFileName(file)));
        }

        data.Add(Path.Combine("ldp-test-vector", "unsigned.json"));
        data.Add(Path.Combine("ldp-test-vector", "signed.json"));
        return data;
    }

    [Fact]
    public void Vectors_AreAllThere()
    {
        // 8 examples, 8 × (unsigned + di), the IG vector twice.
        Assert.Equal(8 + 16 + 2, Documents().Count);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryExample_ConformsToTheSchemaOfItsType(string file)
    {
        var document = Load(file);
        var schema = IsEndorsement(document) ? OpenBadgeSchema.EndorsementCredential : OpenBadgeSchema.AchievementCredential;
        Assert.Null(OpenBadgeSchemaValidator.Validate(document, schema));
    }

    [Fact]
    public void SingleObjectProof_IsAccepted_AsTheDataModelAllows()
    {
        var signed = Load(Path.Combine("ldp-test-vector", "signed.json"));
        Assert.Equal(JsonValueKind.Object, signed.GetProperty("proof").ValueKind);
        Assert.Null(OpenBadgeSchemaValidator.Validate(signed, OpenBadgeSchema.AchievementCredential));
    }

    [Fact]
    public void ProofThatIsNeitherObjectNorArray_IsRefused()
    {
        var error = OpenBadgeSchemaValidator.Validate(Mutate("ldp-test-vector/signed.json", d => d["proof"] = "z3abc"), OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
        Assert.Equal("proof", error!.Path!.Components[0].Name);
    }

    [Fact]
    public void UnknownMemberWhereTheSchemaForbidsThem_IsRefused()
    {
        // IdentityObject and Image have "additionalProperties": false.
        var error = OpenBadgeSchemaValidator.Validate(
            Mutate("fixtures/dss-skill-badge.json", d => d["credentialSubject"]!["identifier"]![0]!["email"] = "kenta.sato@example.jp"),
            OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
        Assert.Equal(ClaimPath.Of("credentialSubject", "identifier").Append(0).Append("email"), error!.Path);
        Assert.DoesNotContain("kenta", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProofWithoutType_IsRefused()
    {
        var error = OpenBadgeSchemaValidator.Validate(
            Mutate("ldp-test-vector/signed.json", d => d["proof"]!.AsObject().Remove("type")),
            OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
    }

    [Fact]
    public void EndorsementExample_DoesNotConformToTheAchievementSchema()
    {
        var error = OpenBadgeSchemaValidator.Validate(Load("examples/endorsementcredential.json"), OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
    }

    [Fact]
    public void MissingAchievementCriteria_IsReportedAtItsLocation()
    {
        var error = OpenBadgeSchemaValidator.Validate(
            Mutate("examples/basic-openbadgecredential.json", d => d["credentialSubject"]!["achievement"]!.AsObject().Remove("criteria")),
            OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
        Assert.Equal(ClaimPath.Of("credentialSubject", "achievement"), error!.Path);
    }

    [Fact]
    public void WrongTypeInAnArray_IsReportedWithItsIndex()
    {
        var error = OpenBadgeSchemaValidator.Validate(
            Mutate("examples/complete-openbadgecredential.json", d => d["credentialSubject"]!["achievement"]!["alignment"]![0]!["targetUrl"] = 42),
            OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
        Assert.Equal(ClaimPath.Of("credentialSubject", "achievement", "alignment").Append(0).Append("targetUrl"), error!.Path);
    }

    [Fact]
    public void TheMessageNeverHoldsTheValue()
    {
        var error = OpenBadgeSchemaValidator.Validate(
            Mutate("examples/basic-openbadgecredential.json", d => d["awardedDate"] = "SECRET-NOT-A-DATE"),
            OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
        Assert.Equal(ClaimPath.Of("awardedDate"), error!.Path);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenBadgesContextAfterTheVcContext_IsRequired()
    {
        var error = OpenBadgeSchemaValidator.Validate(
            Mutate("examples/basic-openbadgecredential.json", d => d["@context"]![1] = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.jsonx"),
            OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
    }

    [Fact]
    public void LanguageValueObjectsAsName_DoNotConform()
    {
        // Why this library writes one string per name (specs/open-badges.md, "Languages").
        var error = OpenBadgeSchemaValidator.Validate(
            Mutate("examples/basic-openbadgecredential.json", d => d["credentialSubject"]!["achievement"]!["name"] = new JsonArray(
                new JsonObject { ["@value"] = "バッジ", ["@language"] = "ja" },
                new JsonObject { ["@value"] = "Badge", ["@language"] = "en" })),
            OpenBadgeSchema.AchievementCredential);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error?.Code);
    }

    [Fact]
    public void ProfileSchema_IsEmbedded()
    {
        var issuer = Load("examples/complete-openbadgecredential.json").GetProperty("issuer");
        Assert.Null(OpenBadgeSchemaValidator.Validate(issuer, OpenBadgeSchema.Profile));
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, OpenBadgeSchemaValidator.Validate(JsonElement.Parse("""{"id":"x"}"""), OpenBadgeSchema.Profile)?.Code);
    }

    [Fact]
    public void NonObjectDocuments_AreRefusedWithoutThrowing()
    {
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, OpenBadgeSchemaValidator.Validate(JsonElement.Parse("[]"), OpenBadgeSchema.AchievementCredential)?.Code);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, OpenBadgeSchemaValidator.Validate(JsonElement.Parse("null"), OpenBadgeSchema.EndorsementCredential)?.Code);
    }

    [Fact]
    public void Validation_IsThreadSafe()
    {
        var valid = Load("examples/complete-openbadgecredential.json");
        var broken = Mutate("examples/basic-openbadgecredential.json", d => d["credentialSubject"]!["achievement"]!.AsObject().Remove("name"));
        var failures = 0;
        System.Threading.Tasks.Parallel.For(0, 64, i =>
        {
            var error = OpenBadgeSchemaValidator.Validate(i % 2 == 0 ? valid : broken, OpenBadgeSchema.AchievementCredential);
            if ((i % 2 == 0) != (error is null))
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void EveryValueReplacedByOddValues_NeverThrows()
    {
        // Each leaf of the complete example in turn becomes a value of another shape; reading and validating report, never throw.
        string[] odd = ["12345678901234567890123456789012345678901234567890", "[[[[[]]]]]", "{\"@value\":\"x\",\"@language\":\"ja\"}", "\"2024-02-30T25:61:61Z\""];
        var original = JsonNode.Parse(File.ReadAllBytes(VectorPath("examples/complete-openbadgecredential.json")))!;
        var paths = new System.Collections.Generic.List<string>();
        Collect(original, string.Empty, paths);
        Assert.True(paths.Count > 100);
        var refused = 0;
        for (var p = 0; p < paths.Count; p++)
        {
            // Each path gets one odd value, in turn (the detailed evaluation of a failure is the slow part).
            var path = paths[p];
            foreach (var value in new[] { odd[p % odd.Length] })
            {
                var copy = original.DeepClone();
                Replace(copy, path, JsonNode.Parse(value));
                var text = copy.ToJsonString();
                var read = OpenBadgeCredential.Read(text);
                var error = OpenBadgeSchemaValidator.Validate(JsonElement.Parse(text), OpenBadgeSchema.AchievementCredential);
                if (!read.IsValid || error is not null)
                {
                    refused++;
                }
            }
        }

        Assert.True(refused > paths.Count / 2);
    }

    private static void Collect(JsonNode? node, string path, System.Collections.Generic.List<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Collect(child, path + "/" + name, paths);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), paths);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            parent = parent is JsonArray a ? a[int.Parse(segments[i], System.Globalization.CultureInfo.InvariantCulture)]! : parent[segments[i]]!;
        }

        var last = segments[^1];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[last] = value;
        }
    }

    internal static bool IsEndorsement(JsonElement document)
        => document.GetProperty("type").EnumerateArray().Any(t => t.GetString() == "EndorsementCredential");

    internal static JsonElement Load(string file) => JsonElement.Parse(File.ReadAllBytes(VectorPath(file)));

    internal static string VectorPath(string file) => Path.Combine(AppContext.BaseDirectory, "vectors", "openbadges", file);

    private static JsonElement Mutate(string file, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(VectorPath(file)))!.AsObject();
        change(node);
        return JsonElement.Parse(node.ToJsonString());
    }
}
