using System;
using System.Text.Json.Nodes;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>Reading Open Badges credentials: the rules of appendix B.1 and section 9.1 give stable codes, never exceptions.</summary>
public sealed class OpenBadgeModelReadTests
{
    [Fact]
    public void Minimal_Reads()
    {
        var badge = OpenBadgeCredential.Read(OpenBadgeModelTestData.Minimal().ToJsonString()).GetValueOrThrow();
        Assert.Equal("Teamwork", badge.Achievement.Name.ToString());
        Assert.Equal("Example Corp", badge.Issuer.Name);
        Assert.Equal("did:example:ebfeb1f712ebc6f1c276e12ec21", badge.Subject.Id);
    }

    [Fact]
    public void AchievementCredentialType_IsAccepted()
    {
        Assert.True(Read(d => d["type"] = new JsonArray("VerifiableCredential", "AchievementCredential")).IsValid);
    }

    [Fact]
    public void IssuerAsUrl_IsAProfileWithOnlyAnId()
    {
        var badge = Read(d => d["issuer"] = "https://example.com/issuers/876543").GetValueOrThrow();
        Assert.Equal("https://example.com/issuers/876543", badge.Issuer.Id);
        Assert.False(badge.Issuer.IsObject);
        Assert.Null(badge.Issuer.Name);
    }

    [Fact]
    public void NotAJsonCredential_IsAVcError()
    {
        Assert.Equal(VcErrors.Malformed, OpenBadgeCredential.Read("[").Error?.Code);
        Assert.Equal(VcErrors.Malformed, OpenBadgeCredential.Read("[]").Error?.Code);
    }

    [Fact]
    public void WithoutOpenBadgeType_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidType, d => d["type"] = new JsonArray("VerifiableCredential"));

    [Theory]
    [InlineData(null)]
    [InlineData("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json.evil")]
    [InlineData("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.json")]
    [InlineData("http://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]
    public void WithoutOpenBadgesContextSecond_IsRefused(string? second)
        => AssertCode(OpenBadgeErrors.InvalidContext, d => d["@context"] = second is null
            ? new JsonArray("https://www.w3.org/ns/credentials/v2")
            : new JsonArray("https://www.w3.org/ns/credentials/v2", second));

    [Theory]
    [InlineData("https://purl.imsglobal.org/spec/ob/v3p0/context.json")]
    [InlineData("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json")]
    [InlineData("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json")]
    public void EveryOpenBadgesContextVersion_IsAccepted(string context)
        => Assert.True(Read(d => d["@context"]![1] = context).IsValid);

    [Fact]
    public void IssuerObjectWithoutProfileType_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidIssuer, d => d["issuer"]!.AsObject().Remove("type"));

    [Fact]
    public void SubjectArray_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidSubject, d => d["credentialSubject"] = new JsonArray(d["credentialSubject"]!.DeepClone()));

    [Fact]
    public void SubjectWithoutAchievementSubjectType_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidSubject, d => d["credentialSubject"]!["type"] = new JsonArray("Person"));

    [Fact]
    public void SubjectWithNeitherIdNorIdentifier_IsRefused()
        => AssertCode(OpenBadgeErrors.SubjectNotIdentified, d => d["credentialSubject"]!.AsObject().Remove("id"));

    [Fact]
    public void SubjectWithEmptyIdentifierList_IsNotIdentified()
        => AssertCode(OpenBadgeErrors.SubjectNotIdentified, d =>
        {
            d["credentialSubject"]!.AsObject().Remove("id");
            d["credentialSubject"]!["identifier"] = new JsonArray();
        });

    [Fact]
    public void SubjectIdentifiedByIdentifierOnly_Reads()
    {
        var badge = Read(d =>
        {
            d["credentialSubject"]!.AsObject().Remove("id");
            d["credentialSubject"]!["identifier"] = new JsonArray(JsonNode.Parse(IdentityObject.CreateHashedEmail("a@example.com", "Kosher").Json.GetRawText()));
        }).GetValueOrThrow();
        Assert.True(badge.RecipientHasEmail("a@example.com"));
    }

    [Theory]
    [InlineData("""{"type":"IdentityObject","identityHash":"x","identityType":"emailAddress"}""")]
    [InlineData("""{"type":"IdentityObject","identityHash":"x","hashed":"true","identityType":"emailAddress"}""")]
    [InlineData("""{"type":"Identity","identityHash":"x","hashed":false,"identityType":"emailAddress"}""")]
    [InlineData("""{"type":"IdentityObject","hashed":false,"identityType":"emailAddress"}""")]
    [InlineData("""{"type":"IdentityObject","identityHash":"x","hashed":false}""")]
    [InlineData("""{"type":"IdentityObject","identityHash":"x","hashed":true,"identityType":"emailAddress","salt":1}""")]
    [InlineData("\"a@example.com\"")]
    public void MalformedIdentifier_IsRefused(string identifier)
        => AssertCode(OpenBadgeErrors.InvalidIdentifier, d => d["credentialSubject"]!["identifier"] = new JsonArray(JsonNode.Parse(identifier)));

    [Fact]
    public void IdentifierNotAnArray_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidIdentifier, d => d["credentialSubject"]!["identifier"] = JsonNode.Parse(
            """{"type":"IdentityObject","identityHash":"x","hashed":false,"identityType":"emailAddress"}"""));

    [Theory]
    [InlineData("id")]
    [InlineData("type")]
    [InlineData("name")]
    [InlineData("description")]
    [InlineData("criteria")]
    public void AchievementWithoutARequiredMember_IsRefused(string member)
    {
        var error = Read(d => d["credentialSubject"]!["achievement"]!.AsObject().Remove(member)).Error;
        Assert.Equal(OpenBadgeErrors.InvalidAchievement, error?.Code);
        Assert.Equal(ClaimPath.Of("credentialSubject", "achievement", member), error!.Path);
    }

    [Fact]
    public void AchievementMissing_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidAchievement, d => d["credentialSubject"]!.AsObject().Remove("achievement"));

    [Fact]
    public void AchievementNameNotAString_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidAchievement, d => d["credentialSubject"]!["achievement"]!["name"] = new JsonObject { ["@value"] = "Teamwork", ["@language"] = "en" });

    [Fact]
    public void AchievementWithoutAchievementType_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidAchievement, d => d["credentialSubject"]!["achievement"]!["type"] = new JsonArray("Badge"));

    [Fact]
    public void CriteriaNotAnObject_IsRefused()
        => AssertCode(OpenBadgeErrors.InvalidAchievement, d => d["credentialSubject"]!["achievement"]!["criteria"] = "peers nominate");

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData("yesterday")]
    public void AwardedDateWithoutTimeZone_IsRefused(string value)
        => AssertCode(OpenBadgeErrors.InvalidMember, d => d["awardedDate"] = value);

    [Fact]
    public void BrokenEmbeddedEndorsement_IsRefusedWithTheInnerReason()
    {
        var error = Read(d => d["endorsement"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("VerifiableCredential") })).Error;
        Assert.Equal(OpenBadgeErrors.InvalidMember, error?.Code);
        Assert.Equal(ClaimPath.Of("endorsement").Append(0), error!.Path);
        Assert.NotNull(error.Inner);
    }

    [Fact]
    public void UnknownMembers_StayInTheJson()
    {
        var badge = Read(d => d["credentialSubject"]!["achievement"]!["ext:level"] = "3").GetValueOrThrow();
        Assert.Equal("3", badge.Achievement.Json.GetProperty("ext:level").GetString());
    }

    [Fact]
    public void FromAnAlreadyReadCredential_KeepsTheSameDocument()
    {
        var credential = W3cCredential.Read(OpenBadgeModelTestData.Minimal().ToJsonString()).GetValueOrThrow();
        var badge = OpenBadgeCredential.From(credential).GetValueOrThrow();
        Assert.Same(credential, badge.Credential);
    }

    [Fact]
    public void EndorsementRead_ChecksItsRules()
    {
        var endorsement = JsonNode.Parse("""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
              "id": "https://1edtech.edu/endorsementcredentials/3732",
              "type": ["VerifiableCredential", "EndorsementCredential"],
              "name": "SDE endorsement",
              "issuer": {"id": "https://state.gov/issuers/565049", "type": ["Profile"], "name": "State Department of Education"},
              "validFrom": "2010-01-01T00:00:00Z",
              "credentialSubject": {"id": "https://1edtech.edu/issuers/565049", "type": ["EndorsementSubject"], "endorsementComment": "Highly regarded"}
            }
            """)!.AsObject();
        var read = EndorsementCredential.Read(endorsement.ToJsonString()).GetValueOrThrow();
        Assert.Equal("Highly regarded", read.Subject.EndorsementComment);
        Assert.Null(OpenBadgeSchemaValidator.Validate(read));

        endorsement["credentialSubject"]!.AsObject().Remove("id");
        Assert.Equal(OpenBadgeErrors.InvalidSubject, EndorsementCredential.Read(endorsement.ToJsonString()).Error?.Code);
        endorsement["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential");
        Assert.Equal(OpenBadgeErrors.InvalidType, EndorsementCredential.Read(endorsement.ToJsonString()).Error?.Code);
    }

    private static void AssertCode(ErrorCode expected, Action<JsonObject> change)
    {
        var result = Read(change);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error!.Code);
    }

    private static VerificationResult<OpenBadgeCredential> Read(Action<JsonObject> change)
    {
        var document = OpenBadgeModelTestData.Minimal();
        change(document);
        return OpenBadgeCredential.Read(document.ToJsonString());
    }
}
