using System.Threading.Tasks;
using Credentials.W3c.JsonLd;
using Xunit;
using static Credentials.Tests.W3c.JsonLd.JsonLdTestSupport;

namespace Credentials.Tests.W3c.JsonLd;

/// <summary>
/// Safe mode (<see cref="JsonLdOptions.SafeMode"/>, on by default): what expansion or RDF conversion would silently
/// drop, and so would not be signed, is an error instead.
/// </summary>
public sealed class JsonLdSafeModeTests
{
    private static readonly JsonLdOptions s_unsafe = new() { SafeMode = false };

    [Fact]
    public async Task ToRdf_EveryTermDefined_Succeeds()
    {
        var result = await ToRdf(Credential);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(15, result.Value.Count);
    }

    [Fact]
    public async Task ToRdf_UndefinedProperty_UndefinedTerm()
    {
        var json = Credential.Replace("\"name\": \"Teamwork Badge\",", "\"name\": \"Teamwork Badge\", \"grade\": \"A\",");

        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.UndefinedTerm, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, result.Error?.Kind);
    }

    [Fact]
    public async Task ToRdf_UndefinedPropertySafeModeOff_DroppedAsTheSpecificationSays()
    {
        var json = Credential.Replace("\"name\": \"Teamwork Badge\",", "\"name\": \"Teamwork Badge\", \"grade\": \"A\",");

        var withExtra = await ToRdf(json, s_unsafe);
        var without = await ToRdf(Credential, s_unsafe);

        Assert.True(withExtra.IsValid, withExtra.Error?.ToString());
        Assert.Equal(Canonical(without.Value), Canonical(withExtra.Value));
    }

    [Fact]
    public async Task ToRdf_UndefinedPropertyInNestedNode_UndefinedTerm()
    {
        var json = Credential.Replace("\"narrative\": \"Nominated by peers.\"", "\"narrative\": \"Nominated by peers.\", \"secret\": 1");

        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.UndefinedTerm, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_UndefinedType_UndefinedTerm()
    {
        var json = Credential.Replace("[\"VerifiableCredential\", \"OpenBadgeCredential\"]", "[\"VerifiableCredential\", \"OpenBadgeCredential\", \"GoldBadge\"]");

        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.UndefinedTerm, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_UndefinedTypeWithBaseIri_StillUndefinedTerm()
    {
        var json = Credential.Replace("[\"VerifiableCredential\", \"OpenBadgeCredential\"]", "[\"VerifiableCredential\", \"GoldBadge\"]");

        var result = await ToRdf(json, new JsonLdOptions { Base = new System.Uri("https://example.com/") });

        Assert.Equal(JsonLdErrors.UndefinedTerm, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_TypeAsAbsoluteIri_Succeeds()
    {
        var json = Credential.Replace("[\"VerifiableCredential\", \"OpenBadgeCredential\"]", "[\"VerifiableCredential\", \"https://example.com/GoldBadge\"]");

        var result = await ToRdf(json);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task ToRdf_RelativeId_RelativeIri()
    {
        var json = Credential.Replace("\"id\": \"http://example.com/credentials/3527\"", "\"id\": \"credentials/3527\"");

        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.RelativeIri, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_RelativeIdResolvedAgainstBase_Succeeds()
    {
        var json = Credential.Replace("\"id\": \"http://example.com/credentials/3527\"", "\"id\": \"credentials/3527\"");

        var result = await ToRdf(json, new JsonLdOptions { Base = new System.Uri("https://example.com/") });

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Contains(result.Value, q => q.Subject.Value == "https://example.com/credentials/3527");
    }

    [Fact]
    public async Task ToRdf_RelativeIdSafeModeOff_ItsTriplesDropped()
    {
        var json = Credential.Replace("\"id\": \"http://example.com/credentials/3527\"", "\"id\": \"credentials/3527\"");

        var result = await ToRdf(json, s_unsafe);

        Assert.True(result.IsValid);
        Assert.Equal(9, result.Value.Count);
    }

    [Theory]
    [InlineData("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a", "p": {"@value": null}}""")]
    [InlineData("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a", "p": {"@language": "en"}}""")]
    [InlineData("""[{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a", "p": 1}, "free-floating"]""")]
    [InlineData("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a", "p": {"@value": "x", "@language": "not a tag"}}""")]
    [InlineData("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a", "p": {"@value": "x", "@direction": "rtl"}}""")]
    [InlineData("""{"@context": {"@vocab": "http://example.com/", "q": "_:q"}, "@id": "http://example.com/a", "q": "blank node predicate"}""")]
    [InlineData("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a b", "p": 1}""")]
    [InlineData("""{"@context": {"@vocab": "http://example.com/"}, "@graph": [{"@id": "http://example.com/only-an-id"}]}""")]
    public async Task ToRdf_DroppedValue_DroppedValue(string json)
    {
        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.DroppedValue, result.Error?.Code);
        Assert.True((await ToRdf(json, s_unsafe)).IsValid);
    }

    [Fact]
    public async Task ToRdf_NullValue_AllowedAsAnExplicitAbsence()
    {
        var result = await ToRdf("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a", "p": null, "q": 1}""");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Single(result.Value);
    }

    [Fact]
    public async Task ToRdf_DirectionWithI18nDatatype_KeptInTheDatatype()
    {
        var options = new JsonLdOptions { RdfDirection = JsonLdRdfDirection.I18nDatatype };

        var result = await ToRdf("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/a", "p": {"@value": "x", "@language": "en-US", "@direction": "rtl"}}""", options);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("https://www.w3.org/ns/i18n#en-us_rtl", Assert.Single(result.Value).Object.Datatype);
    }

    [Fact]
    public async Task ToRdf_RelativeVocab_RelativeIri()
    {
        var result = await ToRdf("""{"@context": {"@vocab": "relative/"}, "@id": "http://example.com/a", "p": 1}""");

        Assert.Equal(JsonLdErrors.RelativeIri, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_CatchAllContext_DefinesEveryTerm()
    {
        var json = Credential
            .Replace("\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]", "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\", \"https://www.w3.org/ns/credentials/undefined-terms/v2\"]")
            .Replace("\"name\": \"Teamwork Badge\",", "\"name\": \"Teamwork Badge\", \"grade\": \"A\",");

        var refused = await ToRdf(json);
        var accepted = await ToRdf(json, loader: PinnedJsonLdDocumentLoader.Default.WithCatchAllContexts());

        Assert.Equal(JsonLdErrors.LoadingRemoteContextFailed, refused.Error?.Code);
        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        Assert.Contains(accepted.Value, q => q.Predicate.Value == "https://www.w3.org/ns/credentials/undefined-term#grade");
    }
}
