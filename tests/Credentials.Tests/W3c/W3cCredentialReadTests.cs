using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.W3c;
using Xunit;
using static Credentials.Tests.W3c.W3cTestData;

namespace Credentials.Tests.W3c;

/// <summary>VCDM 2.0 sections 4 and 5: every MUST a credential read from untrusted JSON is checked against.</summary>
public sealed class W3cCredentialReadTests
{
    private static ErrorCode? CodeOf(string json) => W3cCredential.Read(json).Error?.Code;

    private static ErrorCode? CodeWith(Action<JsonObject> change) => CodeOf(CredentialWith(change));

    [Fact]
    public void Read_ValidCredential_ExposesTheTypedMembers()
    {
        var result = W3cCredential.Read(Credential);

        Assert.True(result.IsValid, result.Error?.ToString());
        var credential = result.Value;
        Assert.Equal("urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33", credential.Id);
        Assert.Equal(["VerifiableCredential", "ExamCertificate"], credential.Types.ToArray());
        Assert.True(credential.HasType("ExamCertificate"));
        Assert.True(credential.HasContext("https://www.w3.org/ns/credentials/examples/v2"));
        Assert.Equal(IssuerId, credential.Issuer.Id);
        Assert.False(credential.Issuer.IsObject);
        Assert.Equal("基本情報技術者試験 合格証書", credential.Name!.ToString());
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)), credential.ValidFrom);
        Assert.Equal(TimeSpan.FromHours(9), credential.ValidFrom!.Value.Offset);
        Assert.Single(credential.CredentialSubjects);
        Assert.Equal(SubjectId, credential.CredentialSubjects[0].Id);
        Assert.True(credential.CredentialSubjects[0].TryGetClaim("examName", out var exam));
        Assert.Equal("基本情報技術者試験", exam.GetString());
        Assert.Null(credential.Proof);
        Assert.Empty(credential.CredentialStatus);
    }

    [Fact]
    public void Read_ValidCredential_KeepsTheTextExactlyAndUnknownMembersUntouched()
    {
        var json = CredentialWith(c => c["awardedDate"] = JsonNode.Parse("{\"nested\": [1, 2.50, \"\\u00e9\"]}"));

        var credential = W3cCredential.Read(json).Value;

        Assert.Equal(json, credential.ToJson());
        Assert.Equal(Encoding.UTF8.GetBytes(json), credential.ToUtf8Bytes());
        Assert.True(credential.TryGetMember("awardedDate", out var extension));
        Assert.Equal("2.50", extension.GetProperty("nested")[1].GetRawText());
    }

    [Fact]
    public void Read_ValidUtf8AndElement_GiveTheSameCredential()
    {
        var fromBytes = W3cCredential.Read(Encoding.UTF8.GetBytes(Credential));
        using var document = System.Text.Json.JsonDocument.Parse(Credential);
        var fromElement = W3cCredential.Read(document.RootElement);
        document.Dispose();

        Assert.True(fromBytes.IsValid);
        Assert.True(fromElement.IsValid);
        Assert.Equal(fromBytes.Value.ToJson(), fromElement.Value.ToJson()); // the element was copied before the document was disposed
    }

    // Section 4.3: @context.
    [Fact]
    public void Read_NoContext_FailsWithMissingContext() => Assert.Equal(VcErrors.MissingContext, CodeWith(c => c.Remove("@context")));

    [Theory]
    [InlineData("\"https://www.w3.org/2018/credentials/v1\"")]
    [InlineData("[\"https://www.w3.org/2018/credentials/v1\", \"https://www.w3.org/ns/credentials/v2\"]")]
    [InlineData("[\"https://www.w3.org/ns/credentials/examples/v2\"]")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("[\"https://www.w3.org/ns/credentials/v2\", 1]")]
    [InlineData("[\"https://www.w3.org/ns/credentials/v2\", \"not a url\"]")]
    [InlineData("[\"https://www.w3.org/ns/credentials/v2\", \"https://www.w3.org/ns/credentials/undefined-terms/v2\", \"https://example.org/v1\"]")]
    [InlineData("[{\"@vocab\": \"https://example.org/\"}, \"https://www.w3.org/ns/credentials/v2\"]")]
    public void Read_ContextWithoutTheBaseContextFirstOrWithANonUrl_FailsWithInvalidContext(string context)
        => Assert.Equal(VcErrors.InvalidContext, CodeWith(c => c["@context"] = JsonNode.Parse(context)));

    [Theory]
    [InlineData("\"https://www.w3.org/ns/credentials/v2\"")]
    [InlineData("[\"https://www.w3.org/ns/credentials/v2\", {\"ExamCertificate\": \"https://exam.example.jp/vocab#ExamCertificate\"}]")]
    [InlineData("[\"https://www.w3.org/ns/credentials/v2\", \"https://example.org/v1\", \"https://www.w3.org/ns/credentials/undefined-terms/v2\"]")]
    public void Read_ContextOfUrlsAndObjectsAfterTheBaseContext_Succeeds(string context)
        => Assert.Null(CodeWith(c => c["@context"] = JsonNode.Parse(context)));

    // Section 4.4: id.
    [Theory]
    [InlineData("\"not a url\"")]
    [InlineData("\"1872\"")]
    [InlineData("\"#fragment\"")]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("[\"urn:uuid:1\"]")]
    public void Read_IdNotASingleUrl_FailsWithInvalidId(string id) => Assert.Equal(VcErrors.InvalidId, CodeWith(c => c["id"] = JsonNode.Parse(id)));

    [Theory]
    [InlineData("urn:uuid:0c07c1ce-57cb-41af-bef2-1b932b986873")]
    [InlineData("https://id.example/things#123")]
    [InlineData("did:example:1234abcd")]
    public void Read_IdUrl_Succeeds(string id) => Assert.Null(CodeWith(c => c["id"] = id));

    [Fact]
    public void Read_NoId_Succeeds() => Assert.Null(CodeWith(c => c.Remove("id")));

    // Section 4.5: type.
    [Fact]
    public void Read_NoType_FailsWithMissingType() => Assert.Equal(VcErrors.MissingType, CodeWith(c => c.Remove("type")));

    [Fact]
    public void Read_TypeWithoutVerifiableCredential_FailsWithMissingType()
        => Assert.Equal(VcErrors.MissingType, CodeWith(c => c["type"] = new JsonArray("ExamCertificate")));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("[\"VerifiableCredential\", 1]")]
    [InlineData("{\"id\": \"VerifiableCredential\"}")]
    public void Read_TypeNotStrings_FailsWithInvalidType(string type) => Assert.Equal(VcErrors.InvalidType, CodeWith(c => c["type"] = JsonNode.Parse(type)));

    [Fact]
    public void Read_TypeSingleString_Succeeds() => Assert.Null(CodeWith(c => c["type"] = "VerifiableCredential"));

    // Section 4.6 and 11.1: name and description.
    [Theory]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("{\"@language\": \"ja\"}")]
    [InlineData("{\"@value\": 1}")]
    [InlineData("{\"@value\": \"x\", \"@direction\": \"up\"}")]
    [InlineData("{\"@value\": \"x\", \"extra\": true}")]
    [InlineData("[{\"@value\": \"x\", \"@language\": \"en\"}, 7]")]
    public void Read_NameNotALanguageValue_FailsWithInvalidName(string name) => Assert.Equal(VcErrors.InvalidName, CodeWith(c => c["name"] = JsonNode.Parse(name)));

    [Fact]
    public void Read_DescriptionNotALanguageValue_FailsWithInvalidDescription()
        => Assert.Equal(VcErrors.InvalidDescription, CodeWith(c => c["description"] = new JsonObject { ["@value"] = "x", ["@id"] = "y" }));

    [Fact]
    public void Read_NameInSeveralLanguages_GivesEachWithItsLanguageAndDirection()
    {
        var json = CredentialWith(c => c["name"] = JsonNode.Parse("""
            [{"@value": "基本情報技術者試験", "@language": "ja"},
             {"@value": "Fundamental IT Engineer Examination", "@language": "en-US", "@direction": "ltr"},
             {"@value": "امتحان", "@language": "ar", "@direction": "rtl"}]
            """));

        var name = W3cCredential.Read(json).Value.Name!;

        Assert.Equal(3, name.Values.Length);
        Assert.Equal("基本情報技術者試験", name.Get("ja-JP"));
        Assert.Equal("Fundamental IT Engineer Examination", name.Get("en"));
        Assert.Equal(BaseDirection.RightToLeft, name.Values[2].Direction);
        Assert.Null(name.Get("fr"));
        Assert.Equal("基本情報技術者試験", name.GetOrFirst("fr"));
    }

    // Section 4.7: issuer.
    [Fact]
    public void Read_NoIssuer_FailsWithMissingIssuer() => Assert.Equal(VcErrors.MissingIssuer, CodeWith(c => c.Remove("issuer")));

    [Theory]
    [InlineData("\"exam.example.jp\"")]
    [InlineData("42")]
    [InlineData("[\"https://exam.example.jp\"]")]
    [InlineData("{\"name\": \"Exam Center\"}")]
    [InlineData("{\"id\": 1}")]
    [InlineData("{\"id\": \"not a url\"}")]
    public void Read_IssuerNotAUrlOrObjectWithUrlId_FailsWithInvalidIssuer(string issuer)
        => Assert.Equal(VcErrors.InvalidIssuer, CodeWith(c => c["issuer"] = JsonNode.Parse(issuer)));

    [Fact]
    public void Read_IssuerObject_GivesItsIdAndName()
    {
        var json = CredentialWith(c => c["issuer"] = JsonNode.Parse("""{"id": "did:example:76e12ec712ebc6f1c221ebfeb1f", "name": {"@value": "情報処理試験センター", "@language": "ja"}, "url": "https://exam.example.jp"}"""));

        var issuer = W3cCredential.Read(json).Value.Issuer;

        Assert.Equal("did:example:76e12ec712ebc6f1c221ebfeb1f", issuer.Id);
        Assert.True(issuer.IsObject);
        Assert.Equal("情報処理試験センター", issuer.Name!.Get("ja"));
        Assert.Equal("https://exam.example.jp", issuer.Json.GetProperty("url").GetString());
    }

    // Section 4.8: credentialSubject.
    [Fact]
    public void Read_NoSubject_FailsWithMissingSubject() => Assert.Equal(VcErrors.MissingSubject, CodeWith(c => c.Remove("credentialSubject")));

    [Theory]
    [InlineData("\"did:example:1\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"id\": \"did:example:1\"}")]
    [InlineData("[{\"name\": \"A\"}, 1]")]
    [InlineData("[{\"name\": \"A\"}, {}]")]
    [InlineData("{\"id\": \"not a url\", \"name\": \"A\"}")]
    [InlineData("{\"type\": 5, \"name\": \"A\"}")]
    public void Read_SubjectNotObjectsWithClaims_FailsWithInvalidSubject(string subject)
        => Assert.Equal(VcErrors.InvalidSubject, CodeWith(c => c["credentialSubject"] = JsonNode.Parse(subject)));

    [Fact]
    public void Read_SeveralSubjects_GivesThemInOrder()
    {
        var json = CredentialWith(c => c["credentialSubject"] = JsonNode.Parse("""[{"id": "did:example:a", "spouse": "did:example:b"}, {"name": "B", "type": "Person"}]"""));

        var subjects = W3cCredential.Read(json).Value.CredentialSubjects;

        Assert.Equal(2, subjects.Length);
        Assert.Equal("did:example:a", subjects[0].Id);
        Assert.Null(subjects[1].Id);
        Assert.Equal(["Person"], subjects[1].Types.ToArray());
    }

    // Section 4.9: validFrom and validUntil.
    [Theory]
    [InlineData("\"2025-04-01\"")]
    [InlineData("\"2025-04-01T00:00Z\"")]
    [InlineData("\"2025-02-30T00:00:00Z\"")]
    [InlineData("\"2025-04-01 00:00:00Z\"")]
    [InlineData("\"2025-04-01T00:00:00z\"")]
    [InlineData("\"2025-04-01T00:00:00+15:00\"")]
    [InlineData("\"tomorrow\"")]
    [InlineData("1743465600")]
    [InlineData("[\"2025-04-01T00:00:00Z\"]")]
    public void Read_ValidFromNotADateTimeStamp_FailsWithInvalidDate(string value)
        => Assert.Equal(VcErrors.InvalidDate, CodeWith(c => c["validFrom"] = JsonNode.Parse(value)));

    [Fact]
    public void Read_ValidUntilNotADateTimeStamp_FailsWithInvalidDate() => Assert.Equal(VcErrors.InvalidDate, CodeWith(c => c["validUntil"] = "2035"));

    [Fact]
    public void Read_ValidFromLaterThanValidUntil_FailsWithInvalidValidityPeriod()
        => Assert.Equal(VcErrors.InvalidValidityPeriod, CodeWith(c => c["validUntil"] = "2025-03-31T14:59:59Z"));

    [Fact]
    public void Read_ValidFromEqualToValidUntilInAnotherZone_Succeeds()
        => Assert.Null(CodeWith(c => c["validUntil"] = "2025-03-31T15:00:00Z"));

    [Fact]
    public void Read_DateWithoutOffset_IsReadAsUtcButCannotBeIssued()
    {
        // Section 5.8: values serialized without an offset MUST be interpreted as UTC; section 4.9: they are not dateTimeStamps.
        var credential = W3cCredential.Read(CredentialWith(c => c["validFrom"] = "2025-04-01T00:00:00")).Value;

        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), credential.ValidFrom);
        Assert.Equal(VcErrors.InvalidDate, credential.ValidateForIssuance()!.Code);
    }

    // Sections 4.10, 4.11, 5.4 to 5.6: extension points with a type.
    [Theory]
    [InlineData("credentialStatus", "{\"id\": \"https://example.org/status/1#1\"}")]
    [InlineData("credentialStatus", "{\"type\": \"BitstringStatusListEntry\", \"id\": \"not a url\"}")]
    [InlineData("credentialStatus", "\"https://example.org/status/1\"")]
    [InlineData("credentialStatus", "[]")]
    [InlineData("credentialStatus", "[{\"type\": \"A\"}, {\"id\": \"https://example.org/2\"}]")]
    public void Read_StatusWithoutType_FailsWithInvalidStatus(string member, string value)
        => Assert.Equal(VcErrors.InvalidStatus, CodeWith(c => c[member] = JsonNode.Parse(value)));

    [Theory]
    [InlineData("{\"type\": \"JsonSchema\"}")]
    [InlineData("{\"id\": \"https://example.org/schema.json\"}")]
    [InlineData("{\"id\": \"schema.json\", \"type\": \"JsonSchema\"}")]
    public void Read_SchemaWithoutTypeAndUrlId_FailsWithInvalidSchema(string value)
        => Assert.Equal(VcErrors.InvalidSchema, CodeWith(c => c["credentialSchema"] = JsonNode.Parse(value)));

    [Theory]
    [InlineData("evidence")]
    [InlineData("termsOfUse")]
    [InlineData("refreshService")]
    public void Read_ExtensionPointWithoutType_FailsWithItsCode(string member)
    {
        var expected = member switch
        {
            "evidence" => VcErrors.InvalidEvidence,
            "termsOfUse" => VcErrors.InvalidTermsOfUse,
            _ => VcErrors.InvalidRefreshService,
        };

        Assert.Equal(expected, CodeWith(c => c[member] = new JsonObject { ["id"] = "https://example.org/1" }));
    }

    [Fact]
    public void Read_ExtensionPoints_AreTypedInOrder()
    {
        var json = CredentialWith(c =>
        {
            c["credentialStatus"] = JsonNode.Parse("""[{"id": "https://example.com/status/3#94567", "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "94567"}, {"type": "BitstringStatusListEntry", "statusPurpose": "suspension"}]""");
            c["credentialSchema"] = JsonNode.Parse("""{"id": "https://example.org/examples/degree.json", "type": "JsonSchema"}""");
            c["evidence"] = JsonNode.Parse("""[{"type": ["Evidence", "ExamResult"], "score": 720}]""");
            c["termsOfUse"] = JsonNode.Parse("""{"type": "TrustFrameworkPolicy", "trustFramework": "Employment-Eligibility"}""");
            c["refreshService"] = JsonNode.Parse("""{"type": "VerifiableCredentialRefreshService2021", "url": "https://exam.example.jp/refresh"}""");
        });

        var credential = W3cCredential.Read(json).Value;

        Assert.Equal(2, credential.CredentialStatus.Length);
        Assert.Equal("https://example.com/status/3#94567", credential.CredentialStatus[0].Id);
        Assert.True(credential.CredentialStatus[1].HasType("BitstringStatusListEntry"));
        Assert.Equal("https://example.org/examples/degree.json", Assert.Single(credential.CredentialSchemas).Id);
        Assert.Equal(["Evidence", "ExamResult"], Assert.Single(credential.Evidence).Types.ToArray());
        Assert.Equal("Employment-Eligibility", Assert.Single(credential.TermsOfUse).Json.GetProperty("trustFramework").GetString());
        Assert.Single(credential.RefreshServices);
    }

    // Section 5.3: relatedResource.
    [Theory]
    [InlineData("{\"id\": \"https://example.org/ctx\"}")]
    [InlineData("{\"digestSRI\": \"sha384-abc\"}")]
    [InlineData("[{\"id\": \"https://example.org/ctx\", \"digestSRI\": \"sha384-a\"}, {\"id\": \"https://example.org/ctx\", \"digestSRI\": \"sha384-b\"}]")]
    [InlineData("{\"id\": \"https://example.org/ctx\", \"digestMultibase\": 5}")]
    [InlineData("[]")]
    public void Read_RelatedResourceWithoutUniqueIdAndDigest_FailsWithInvalidRelatedResource(string value)
        => Assert.Equal(VcErrors.InvalidRelatedResource, CodeWith(c => c["relatedResource"] = JsonNode.Parse(value)));

    [Fact]
    public void Read_RelatedResourceWithDigest_Succeeds()
        => Assert.Null(CodeWith(c => c["relatedResource"] = JsonNode.Parse("""[{"id": "https://www.w3.org/ns/credentials/v2", "digestSRI": "sha384-Ml/HrjlBCNWyAX91hr6LFV2Y3heB5Tcr6IeE4/Tje8YyzYBM8IhqjHWiWpr8+ZbYU"}]""")));

    // Section 5.10: reserved extension points need a type.
    [Theory]
    [InlineData("renderMethod", "{\"id\": \"https://example.org/render\"}")]
    [InlineData("confidenceMethod", "[{\"type\": \"X\"}, {}]")]
    [InlineData("renderMethod", "\"svg\"")]
    public void Read_ReservedPropertyWithoutType_FailsWithInvalidReservedProperty(string member, string value)
        => Assert.Equal(VcErrors.InvalidReservedProperty, CodeWith(c => c[member] = JsonNode.Parse(value)));

    // proof: left to the securing mechanism, but an object or objects.
    [Theory]
    [InlineData("\"z58DAdFfa9SkqZMVPxAQp\"")]
    [InlineData("[]")]
    [InlineData("[{\"type\": \"DataIntegrityProof\"}, \"x\"]")]
    public void Read_ProofNotObjects_FailsWithInvalidProof(string value) => Assert.Equal(VcErrors.InvalidProof, CodeWith(c => c["proof"] = JsonNode.Parse(value)));

    [Fact]
    public void Read_ProofObject_IsKeptForTheSecuringMechanism()
    {
        var credential = W3cCredential.Read(CredentialWith(c => c["proof"] = JsonNode.Parse("""{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": "z5"}"""))).Value;

        Assert.Equal("eddsa-rdfc-2022", credential.Proof!.Value.GetProperty("cryptosuite").GetString());
    }

    // Untrusted input.
    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"credential\"")]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\", \"@context\": \"https://www.w3.org/ns/credentials/v2\"}")]
    [InlineData("{\"a\": 1,}")]
    public void Read_NotOneJsonObjectWithoutRepeatedMembers_FailsWithMalformed(string json) => Assert.Equal(VcErrors.Malformed, CodeOf(json));

    [Fact]
    public void Read_NestedDeeperThanTheLimit_FailsWithMalformed()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);

        Assert.Equal(VcErrors.Malformed, CodeWith(c => c["credentialSubject"] = JsonNode.Parse(deep, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 })));
    }

    [Fact]
    public void Read_LongerThanTheLimit_FailsWithTooLarge()
    {
        var options = new W3cReaderOptions { MaxLength = 200 };

        Assert.Equal(VcErrors.TooLarge, W3cCredential.Read(Credential, options).Error!.Code);
        Assert.Equal(VcErrors.TooLarge, W3cCredential.Read(Encoding.UTF8.GetBytes(Credential), options).Error!.Code);
    }

    [Fact]
    public void Read_InvalidOptions_Throw()
        => Assert.Throws<ArgumentException>(() => W3cCredential.Read(Credential, new W3cReaderOptions { MaxDepth = 0 }));

    [Fact]
    public void Read_EverySingleByteMutation_NeverThrows()
    {
        var bytes = Encoding.UTF8.GetBytes(Credential);
        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var value in (ReadOnlySpan<byte>)[0x00, 0x22, 0x7b, 0x5d, 0xff, (byte)(bytes[i] ^ 0x01)])
            {
                var mutated = (byte[])bytes.Clone();
                mutated[i] = value;
                var result = W3cCredential.Read(mutated);
                Assert.True(result.IsValid || result.Error!.Code.IsInFamily("vc"));
            }
        }
    }
}
