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
