using System.Linq;
using System.Text;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Dids;

public class DidDocumentTests
{
    private const string Did = "did:web:example.com";

    private static string Document(string members) => "{\"id\":\"" + Did + "\"" + members + "}";

    private static string P256Jwk()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        return key.PublicJwk.ToJson();
    }

    [Fact]
    public void Read_FullDocument_KeepsEveryProperty()
    {
        var json = Document(
            ",\"@context\":[\"https://www.w3.org/ns/did/v1\",{\"@vocab\":\"x\"}],\"controller\":\"did:example:c\",\"alsoKnownAs\":[\"https://example.com/\"]" +
            ",\"verificationMethod\":[{\"id\":\"#key-1\",\"type\":\"JsonWebKey\",\"controller\":\"" + Did + "\",\"publicKeyJwk\":" + P256Jwk() + "}]" +
            ",\"assertionMethod\":[\"#key-1\"],\"authentication\":[{\"id\":\"" + Did + "#auth\",\"type\":\"Multikey\",\"controller\":\"" + Did + "\",\"publicKeyMultibase\":\"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\"}]" +
            ",\"service\":[{\"id\":\"#ld\",\"type\":[\"LinkedDomains\"],\"serviceEndpoint\":{\"origins\":[\"https://example.com\"]}}]" +
            ",\"unknown\":{\"ignored\":true}");

        var result = DidDocument.Read(json);

        Assert.True(result.IsValid, result.Error?.ToString());
        var document = result.Value;
        Assert.Equal(["https://www.w3.org/ns/did/v1"], document.Context);
        Assert.Equal(["did:example:c"], document.Controller);
        Assert.Single(document.AlsoKnownAs);
        Assert.Equal("#key-1", Assert.Single(document.VerificationMethod).Id);
        Assert.False(Assert.Single(document.AssertionMethod).IsEmbedded);
        Assert.True(Assert.Single(document.Authentication).IsEmbedded);
        Assert.Equal("LinkedDomains", Assert.Single(Assert.Single(document.Service).Type));
    }

    [Fact]
    public void ToJson_ReadBack_GivesEqualJson()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = DidWeb.CreateDocument(Credentials.Dids.Did.Parse(Did), [key.PublicJwk with { Kid = null }]);

        var json = document.ToJson();
        var again = DidDocument.Read(Encoding.UTF8.GetBytes(json)).Value.ToJson();

        Assert.Equal(json, again);
        Assert.StartsWith("{\"@context\":[\"https://www.w3.org/ns/did/v1\",\"https://w3id.org/security/jwk/v1\"],\"id\":\"did:web:example.com\"", json);
        Assert.Contains('\n', document.ToJson(indented: true));
    }

    [Theory]
    [InlineData("{\"id\":\"did:web:example.com\",\"id\":\"did:web:evil.com\"}")]                // duplicate member
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("{}")]                                                                             // DID Core 5.1.1: id is required
    [InlineData("{\"id\":\"https://example.com\"}")]                                              // id must be a DID
    [InlineData("{\"id\":\"did:web:example.com\",\"controller\":\"nope\"}")]
    [InlineData("{\"id\":\"did:web:example.com\",\"controller\":[\"did:a:b\",\"did:a:b\"]}")]   // a set may not repeat
    [InlineData("{\"id\":\"did:web:example.com\",\"verificationMethod\":{}}")]
    [InlineData("{\"id\":\"did:web:example.com\",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"Multikey\",\"controller\":\"did:web:example.com\",\"publicKeyMultibase\":\"z6Mk\"},{\"id\":\"did:web:example.com#k\",\"type\":\"Multikey\",\"controller\":\"did:web:example.com\",\"publicKeyMultibase\":\"z6Mk\"}]}")]
    [InlineData("{\"id\":\"did:web:example.com\",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"Multikey\"}]}")]     // no controller
    [InlineData("{\"id\":\"did:web:example.com\",\"verificationMethod\":[{\"id\":\"k k\",\"type\":\"Multikey\",\"controller\":\"did:web:example.com\"}]}")]
    [InlineData("{\"id\":\"did:web:example.com\",\"assertionMethod\":[\"not a did url\"]}")]
    [InlineData("{\"id\":\"did:web:example.com\",\"assertionMethod\":[42]}")]
    [InlineData("{\"id\":\"did:web:example.com\",\"service\":[{\"id\":\"#s\",\"type\":\"T\"}]}")]                          // no serviceEndpoint
    [InlineData("{\"id\":\"did:web:example.com\",\"service\":[{\"id\":\"#s\",\"type\":\"T\",\"serviceEndpoint\":\"https://a\"},{\"id\":\"#s\",\"type\":\"T\",\"serviceEndpoint\":\"https://b\"}]}")]
    public void Read_InvalidDocument_FailsWithInvalidDocument(string json)
    {
        var result = DidDocument.Read(json);

        Assert.False(result.IsValid);
        Assert.Equal(DidErrors.InvalidDocument, result.Error.Code);
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
    }

    [Fact]
    public void Read_PrivateKeyInPublicKeyJwk_FailsWithInvalidDocument()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var json = Document(",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"JsonWebKey\",\"controller\":\"" + Did + "\",\"publicKeyJwk\":" + key.ExportPrivateJwk().ToJson() + "}]");

        var error = DidDocument.Read(json).Error!;

        Assert.Equal(DidErrors.InvalidDocument, error.Code);
        Assert.Equal(KeyErrors.PrivateKeyMaterial, error.Inner?.Code);
    }

    [Fact]
    public void Read_BothKeyMaterials_FailsWithInvalidDocument()
    {
        var json = Document(",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"JsonWebKey\",\"controller\":\"" + Did + "\",\"publicKeyMultibase\":\"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\",\"publicKeyJwk\":" + P256Jwk() + "}]");

        Assert.Equal(DidErrors.InvalidDocument, DidDocument.Read(json).Error!.Code);
    }

    [Fact]
    public void Read_OverSizeLimit_FailsWithDocumentTooLarge()
    {
        var json = Document(",\"alsoKnownAs\":[\"" + new string('a', 2000) + "\"]");

        var result = DidDocument.Read(json, new DidDocumentReaderOptions { MaxLength = 1024 });

        Assert.Equal(DidErrors.DocumentTooLarge, result.Error!.Code);
    }

    [Fact]
    public void Read_TooDeep_FailsWithInvalidDocument()
    {
        var json = Document(",\"x\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)));

        Assert.Equal(DidErrors.InvalidDocument, DidDocument.Read(json).Error!.Code);
    }

    [Fact]
    public void Read_TooManyEntries_FailsWithInvalidDocument()
    {
        var json = Document(",\"assertionMethod\":[" + string.Join(',', Enumerable.Range(0, 300).Select(i => "\"#k" + i + "\"")) + "]");

        Assert.Equal(DidErrors.InvalidDocument, DidDocument.Read(json).Error!.Code);
    }

    [Fact]
    public void Dereference_RelativeIdUnderAssertionMethod_FindsMethod()
    {
        var json = Document(",\"verificationMethod\":[{\"id\":\"#key-1\",\"type\":\"JsonWebKey\",\"controller\":\"" + Did + "\",\"publicKeyJwk\":" + P256Jwk() + "}],\"assertionMethod\":[\"" + Did + "#key-1\"]");
        var document = DidDocument.Read(json).Value;

        var method = document.Dereference(DidUrl.Parse(Did + "#key-1"), VerificationRelationship.AssertionMethod);

        Assert.True(method.IsValid);
        Assert.Equal(JwkCurves.P256, method.Value.GetPublicKey().Value.Crv);
    }

    [Fact]
    public void Dereference_MethodOnlyUnderAuthentication_FailsWithKeyNotAuthorized()
    {
        var json = Document(",\"verificationMethod\":[{\"id\":\"#key-1\",\"type\":\"JsonWebKey\",\"controller\":\"" + Did + "\",\"publicKeyJwk\":" + P256Jwk() + "}],\"authentication\":[\"#key-1\"]");
        var document = DidDocument.Read(json).Value;

        var method = document.Dereference(DidUrl.Parse(Did + "#key-1"), VerificationRelationship.AssertionMethod);

        Assert.Equal(DidErrors.KeyNotAuthorized, method.Error!.Code);
        Assert.True(document.Dereference(DidUrl.Parse(Did + "#key-1"), VerificationRelationship.Authentication).IsValid);
    }

    [Fact]
    public void FindVerificationMethod_UnknownFragmentOrOtherDid_FailsWithKeyNotFound()
    {
        var document = DidDocument.Read(Document(",\"verificationMethod\":[{\"id\":\"#key-1\",\"type\":\"JsonWebKey\",\"controller\":\"" + Did + "\",\"publicKeyJwk\":" + P256Jwk() + "}]")).Value;

        Assert.Equal(DidErrors.KeyNotFound, document.FindVerificationMethod(DidUrl.Parse(Did + "#key-2")).Error!.Code);
        Assert.Equal(DidErrors.KeyNotFound, document.FindVerificationMethod(DidUrl.Parse("did:web:other.com#key-1")).Error!.Code);
    }

    [Fact]
    public void GetPublicKey_UnknownType_FailsWithUnsupportedKeyType()
    {
        var method = new VerificationMethod { Id = "#k", Type = "Ed25519VerificationKey2018", Controller = Did };

        Assert.Equal(DidErrors.UnsupportedKeyType, method.GetPublicKey().Error!.Code);
    }

    [Fact]
    public void GetPublicKey_Ed25519VerificationKey2020HoldingP256Key_FailsWithInvalidPublicKey()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var p256 = DidKey.Create(key).MethodSpecificId;
        var method = new VerificationMethod { Id = "#k", Type = VerificationMethodTypes.Ed25519VerificationKey2020, Controller = Did, PublicKeyMultibase = p256 };

        Assert.Equal(DidErrors.InvalidPublicKey, method.GetPublicKey().Error!.Code);
    }
}
