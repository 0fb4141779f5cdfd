using System;
using System.Text.Json.Nodes;
using Credentials.W3c;
using Xunit;
using static Credentials.Tests.W3c.W3cTestData;

namespace Credentials.Tests.W3c;

/// <summary>VCDM 2.0 section 4.13: presentations, enveloped credentials, and presentations including holder claims.</summary>
public sealed class W3cPresentationReadTests
{
    private static ErrorCode? CodeWith(Action<JsonObject> change) => W3cPresentation.Read(PresentationWith(change)).Error?.Code;

    private static JsonObject Embedded(string issuer, bool withProof)
    {
        var credential = JsonNode.Parse(CredentialWith(c => c["issuer"] = issuer))!.AsObject();
        if (withProof)
        {
            credential["proof"] = JsonNode.Parse("""{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": "z5"}""");
        }

        return credential;
    }

    [Fact]
    public void Read_ValidPresentation_ExposesHolderAndEnvelopedCredential()
    {
        var result = W3cPresentation.Read(Presentation);

        Assert.True(result.IsValid, result.Error?.ToString());
        var presentation = result.Value;
        Assert.Equal(SubjectId, presentation.Holder!.Id);
        Assert.True(presentation.HasType(W3cTypes.VerifiablePresentation));
        var presented = Assert.Single(presentation.VerifiableCredentials);
        Assert.True(presented.IsEnveloped);
        Assert.Equal("application/vc+jwt", presented.Enveloped!.MediaType);
        Assert.False(presented.Enveloped.IsBase64);
        Assert.Equal("eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln", presented.Enveloped.Data);
        Assert.Equal(Presentation, presentation.ToJson());
    }

    [Fact]
    public void Read_NoContext_FailsWithMissingContext() => Assert.Equal(VcErrors.MissingContext, CodeWith(p => p.Remove("@context")));

    [Fact]
    public void Read_ContextNotBaseFirst_FailsWithInvalidContext()
        => Assert.Equal(VcErrors.InvalidContext, CodeWith(p => p["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1")));

    [Fact]
    public void Read_TypeWithoutVerifiablePresentation_FailsWithMissingType()
        => Assert.Equal(VcErrors.MissingType, CodeWith(p => p["type"] = new JsonArray("VerifiableCredential")));

    [Fact]
    public void Read_NoType_FailsWithMissingType() => Assert.Equal(VcErrors.MissingType, CodeWith(p => p.Remove("type")));

    [Fact]
    public void Read_IdNotAUrl_FailsWithInvalidId() => Assert.Equal(VcErrors.InvalidId, CodeWith(p => p["id"] = "presentation 1"));

    [Theory]
    [InlineData("\"holder\"")]
    [InlineData("{\"name\": \"Hanako\"}")]
    [InlineData("[\"did:example:1\"]")]
    public void Read_HolderNotAUrlOrObjectWithId_FailsWithInvalidHolder(string holder)
        => Assert.Equal(VcErrors.InvalidHolder, CodeWith(p => p["holder"] = JsonNode.Parse(holder)));

    [Fact]
    public void Read_NoHolderAndNoCredentials_Succeeds()
        => Assert.Null(CodeWith(p =>
        {
            p.Remove("holder");
            p.Remove("verifiableCredential");
        }));

    [Theory]
    [InlineData("\"data:application/vc+jwt,eyJ.eyJ.sig\"")]
    [InlineData("[\"https://example.org/credentials/1\"]")]
    [InlineData("[42]")]
    [InlineData("[]")]
    public void Read_CredentialsThatAreNotObjects_FailsWithInvalidPresentedCredential(string value)
        => Assert.Equal(VcErrors.InvalidPresentedCredential, CodeWith(p => p["verifiableCredential"] = JsonNode.Parse(value)));

    [Theory]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\", \"type\": \"EnvelopedVerifiableCredential\", \"id\": \"not-a-credential\"}")]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\", \"type\": \"EnvelopedVerifiableCredential\", \"id\": \"https://example.org/vc.jwt\"}")]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\", \"type\": \"EnvelopedVerifiableCredential\", \"id\": \"data:,eyJ.eyJ.sig\"}")]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\", \"type\": \"EnvelopedVerifiableCredential\", \"id\": \"data:application/vc+jwt,\"}")]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\", \"type\": \"EnvelopedVerifiableCredential\", \"id\": \"data:application/vc+jwt,%zz\"}")]
    [InlineData("{\"type\": \"EnvelopedVerifiableCredential\", \"id\": \"data:application/vc+jwt,eyJ.eyJ.sig\"}")]
    [InlineData("{\"@context\": \"https://www.w3.org/2018/credentials/v1\", \"type\": \"EnvelopedVerifiableCredential\", \"id\": \"data:application/vc+jwt,eyJ.eyJ.sig\"}")]
    public void Read_EnvelopeWithoutBaseContextOrDataUrl_FailsWithInvalidEnvelopedCredential(string envelope)
        => Assert.Equal(VcErrors.InvalidEnvelopedCredential, CodeWith(p => p["verifiableCredential"] = new JsonArray(JsonNode.Parse(envelope))));

    [Fact]
    public void Read_Base64Envelope_IsReadWithItsMediaType()
    {
        var presentation = W3cPresentation.Read(PresentationWith(p => p["verifiableCredential"] = JsonNode.Parse(
            """{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["EnvelopedVerifiableCredential"], "id": "data:application/vc+cose;base64,0oRYVqQBJgNu"}"""))).Value;

        var envelope = Assert.Single(presentation.VerifiableCredentials).Enveloped!;
        Assert.Equal("application/vc+cose", envelope.MediaType);
        Assert.True(envelope.IsBase64);
        Assert.Equal("0oRYVqQBJgNu", envelope.Data);
    }

    [Fact]
    public void Read_EmbeddedCredentialWithProof_IsReadAsACredential()
    {
        var presentation = W3cPresentation.Read(PresentationWith(p => p["verifiableCredential"] = new JsonArray(Embedded(IssuerId, withProof: true)))).Value;

        var embedded = Assert.Single(presentation.VerifiableCredentials).Embedded!;
        Assert.Equal(IssuerId, embedded.Issuer.Id);
        Assert.NotNull(embedded.Proof);
    }

    [Fact]
    public void Read_EmbeddedCredentialThatDoesNotConform_FailsWithInvalidPresentedCredentialAndTheCause()
    {
        var result = W3cPresentation.Read(PresentationWith(p =>
        {
            var credential = Embedded(IssuerId, withProof: true);
            credential.Remove("issuer");
            p["verifiableCredential"] = new JsonArray(credential);
        }));

        Assert.Equal(VcErrors.InvalidPresentedCredential, result.Error!.Code);
        Assert.Equal(VcErrors.MissingIssuer, result.Error.Inner!.Code);
        Assert.Equal(ClaimPath.Create("verifiableCredential", 0), result.Error.Path);
    }

    [Fact]
    public void Read_EmbeddedCredentialWithoutProofFromAnotherIssuer_FailsWithUnsecuredCredential()
        => Assert.Equal(VcErrors.UnsecuredCredential, CodeWith(p => p["verifiableCredential"] = new JsonArray(Embedded(IssuerId, withProof: false))));

    [Fact]
    public void Read_SelfAssertedCredentialWithoutHolder_FailsWithUnsecuredCredential()
        => Assert.Equal(VcErrors.UnsecuredCredential, CodeWith(p =>
        {
            p.Remove("holder");
            p["verifiableCredential"] = new JsonArray(Embedded(SubjectId, withProof: false));
        }));

    [Fact]
    public void Read_SelfAssertedCredentialOfTheHolder_Succeeds()
        => Assert.Null(CodeWith(p => p["verifiableCredential"] = new JsonArray(Embedded(SubjectId, withProof: false))));

    [Fact]
    public void Read_MoreCredentialsThanTheLimit_FailsWithTooLarge()
    {
        var json = PresentationWith(p =>
        {
            var many = new JsonArray();
            for (var i = 0; i < 3; i++)
            {
                many.Add(JsonNode.Parse("""{"@context": "https://www.w3.org/ns/credentials/v2", "type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,a.b.c"}"""));
            }

            p["verifiableCredential"] = many;
        });

        Assert.Equal(VcErrors.TooLarge, W3cPresentation.Read(json, new W3cReaderOptions { MaxPresentedCredentials = 2 }).Error!.Code);
        Assert.True(W3cPresentation.Read(json).IsValid);
    }

    [Fact]
    public void Read_TermsOfUseWithoutType_FailsWithInvalidTermsOfUse()
        => Assert.Equal(VcErrors.InvalidTermsOfUse, CodeWith(p => p["termsOfUse"] = new JsonObject { ["id"] = "https://example.org/tou" }));

    [Fact]
    public void Read_ProofNotAnObject_FailsWithInvalidProof() => Assert.Equal(VcErrors.InvalidProof, CodeWith(p => p["proof"] = 1));

    [Fact]
    public void ReadEnvelope_FromAnElement_ChecksAndCopiesIt()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"@context": "https://www.w3.org/ns/credentials/v2", "type": "EnvelopedVerifiableCredential", "id": "data:application/vc+sd-jwt,eyJ.eyJ.sig~WyJ~"}""");

        var envelope = EnvelopedVerifiableCredential.Read(document.RootElement);

        Assert.True(envelope.IsValid);
        Assert.Equal("application/vc+sd-jwt", envelope.Value.MediaType);
        Assert.Equal("eyJ.eyJ.sig~WyJ~", envelope.Value.Data);
        Assert.Equal(VcErrors.InvalidEnvelopedCredential, EnvelopedVerifiableCredential.Read(System.Text.Json.JsonDocument.Parse("[]").RootElement).Error!.Code);
    }

    [Fact]
    public void FromVcJwt_MakesAnEnvelopeThatReadsBack()
    {
        var envelope = EnvelopedVerifiableCredential.FromVcJwt("eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln");

        Assert.Equal("data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln", envelope.Id);
        Assert.True(EnvelopedVerifiableCredential.Read(envelope.Json).IsValid);
        Assert.Throws<ArgumentException>(() => EnvelopedVerifiableCredential.FromVcJwt("a b"));
        Assert.Throws<ArgumentException>(() => EnvelopedVerifiableCredential.Create("vc+jwt", "a.b.c"));
    }
}
