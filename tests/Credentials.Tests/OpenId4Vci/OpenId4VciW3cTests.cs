using System;
using System.Text;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>OpenID4VCI 1.0 appendix A.1 metadata and DID-bound <c>jwt</c> key proofs (appendix F.1).</summary>
public sealed class OpenId4VciW3cTests : IDisposable
{
    private const string Issuer = "https://issuer.example.edu";
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly FakeTimeProvider _clock = new(s_now);

    public void Dispose() => _holder.Dispose();

    private KeyProofValidationParameters Parameters(params string[] methods) => new() { Audience = Issuer, TimeProvider = _clock, DidMethods = methods };

    private static VerificationResult<CredentialIssuerMetadata> ReadConfiguration(string configuration)
        => CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(
            "{\"credential_issuer\":\"" + Issuer + "\",\"credential_endpoint\":\"" + Issuer + "/credential\",\"credential_configurations_supported\":{\"c\":" + configuration + "}}"));

    [Fact]
    public void Read_LdpVcConfiguration_ReadsCredentialDefinition()
    {
        var metadata = ReadConfiguration("""
            {"format":"ldp_vc","cryptographic_binding_methods_supported":["did:key"],"credential_signing_alg_values_supported":["eddsa-rdfc-2022"],
             "proof_types_supported":{"jwt":{"proof_signing_alg_values_supported":["ES256"]}},
             "credential_definition":{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"]}}
            """);

        Assert.True(metadata.IsValid, metadata.Error?.ToString());
        var definition = metadata.Value.CredentialConfigurations["c"].CredentialDefinition!;
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], definition.Type);
        Assert.Equal(2, definition.Context!.Count);
    }

    [Theory]
    [InlineData("""{"format":"jwt_vc_json"}""")]
    [InlineData("""{"format":"ldp_vc","credential_definition":{"type":["VerifiableCredential"]}}""")]
    [InlineData("""{"format":"jwt_vc_json","credential_definition":{"type":[]}}""")]
    [InlineData("""{"format":"jwt_vc_json","credential_definition":{"type":"VerifiableCredential"}}""")]
    [InlineData("""{"format":"jwt_vc_json","credential_definition":[]}""")]
    public void Read_W3cConfigurationWithoutValidDefinition_IsInvalidMetadata(string configuration)
        => Assert.Equal(OpenId4VciErrors.InvalidMetadata, ReadConfiguration(configuration).Error?.Code);

    [Fact]
    public void Read_JwtVcJsonConfigurationWithTypeOnly_IsValid()
    {
        var metadata = ReadConfiguration("""{"format":"jwt_vc_json","credential_definition":{"type":["VerifiableCredential","OpenBadgeCredential"]}}""");

        Assert.True(metadata.IsValid, metadata.Error?.ToString());
        Assert.Null(metadata.Value.CredentialConfigurations["c"].CredentialDefinition!.Context);
    }

    [Fact]
    public async Task Verify_DidKeyKid_ReturnsDidAndKey()
    {
        var did = DidKey.Create(_holder);
        var proof = await JwtKeyProof.CreateWithKeyIdAsync(_holder, DidKey.GetKeyId(did).Value, Issuer, "n", s_now);

        var verified = JwtKeyProof.Verify(proof, Parameters("did:key", "did:jwk"));

        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(did.Value, verified.Value.Did);
        Assert.Equal(_holder.PublicJwk.ComputeThumbprint(), verified.Value.Key.ComputeThumbprint());
        Assert.Null(Jws.ReadCompact(proof).Value.Header.TryGetProperty("jwk", out _) ? "jwk" : null);
    }

    [Fact]
    public async Task Verify_DidJwkKid_ReturnsDid()
    {
        var did = DidJwk.Create(_holder);
        var proof = await JwtKeyProof.CreateWithKeyIdAsync(_holder, DidJwk.GetKeyId(did).Value, Issuer, "n", s_now);

        var verified = JwtKeyProof.Verify(proof, Parameters("did:jwk"));

        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(did.Value, verified.Value.Did);
    }

    [Fact]
    public async Task Verify_DidMethodNotAllowed_IsUnsupportedBindingMethod()
    {
        var proof = await JwtKeyProof.CreateWithKeyIdAsync(_holder, DidKey.GetKeyId(DidKey.Create(_holder)).Value, Issuer, "n", s_now);

        Assert.Equal(OpenId4VciErrors.UnsupportedBindingMethod, JwtKeyProof.Verify(proof, Parameters("did:jwk")).Error?.Code);
    }

    [Fact]
    public async Task Verify_OtherDidMethod_IsUnsupportedBindingMethod()
    {
        var proof = await JwtKeyProof.CreateWithKeyIdAsync(_holder, "did:web:holder.example#key-1", Issuer, "n", s_now);

        Assert.Equal(OpenId4VciErrors.UnsupportedBindingMethod, JwtKeyProof.Verify(proof, Parameters("did:key", "did:jwk")).Error?.Code);
    }

    [Fact]
    public async Task Verify_KidWithoutDidMethods_IsInvalidProof()
    {
        var proof = await JwtKeyProof.CreateWithKeyIdAsync(_holder, DidKey.GetKeyId(DidKey.Create(_holder)).Value, Issuer, "n", s_now);

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, new KeyProofValidationParameters { Audience = Issuer, TimeProvider = _clock }).Error?.Code);
    }

    [Fact]
    public async Task Verify_DidOfAnotherKey_SignatureFails()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var proof = await JwtKeyProof.CreateWithKeyIdAsync(_holder, DidKey.GetKeyId(DidKey.Create(other)).Value, Issuer, "n", s_now);

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, Parameters("did:key")).Error?.Code);
    }

    [Fact]
    public async Task Verify_KidFragmentNotTheDidsKey_IsInvalidProof()
    {
        var proof = await JwtKeyProof.CreateWithKeyIdAsync(_holder, DidKey.Create(_holder).Value + "#other", Issuer, "n", s_now);

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, Parameters("did:key")).Error?.Code);
    }

    [Fact]
    public void CredentialResponse_LdpVcObjectAndJwtString_ReadAsTheirText()
    {
        var response = CredentialResponse.Read(Encoding.UTF8.GetBytes("""{"credentials":[{"credential":{"type":["VerifiableCredential"]}},{"credential":"eyJ.eyJ.sig"}]}"""));

        Assert.True(response.IsValid, response.Error?.ToString());
        Assert.Equal(["{\"type\":[\"VerifiableCredential\"]}", "eyJ.eyJ.sig"], response.Value.Credentials!);
    }

    [Theory]
    [InlineData("""{"credentials":[{"credential":{}}]}""")]
    [InlineData("""{"credentials":[{"credential":["a"]}]}""")]
    [InlineData("""{"credentials":[{"credential":""}]}""")]
    public void CredentialResponse_CredentialNeitherStringNorObject_IsInvalidResponse(string json)
        => Assert.Equal(OpenId4VciErrors.InvalidResponse, CredentialResponse.Read(Encoding.UTF8.GetBytes(json)).Error?.Code);

    [Fact]
    public async Task VcJwtCredentialSigner_SignsAsVcJwtString()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuerDid = DidKey.Create(issuerKey);
        var signer = new VcJwtCredentialSigner(new KeyIdSigner(issuerKey, DidKey.GetKeyId(issuerDid).Value));
        var credential = new System.Text.Json.Nodes.JsonObject
        {
            ["@context"] = new System.Text.Json.Nodes.JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new System.Text.Json.Nodes.JsonArray("VerifiableCredential"),
            ["issuer"] = issuerDid.Value,
            ["credentialSubject"] = new System.Text.Json.Nodes.JsonObject { ["id"] = DidKey.Create(_holder).Value, ["name"] = "Teamwork" },
        };

        var signed = await signer.SignAsync(credential);

        Assert.Equal(CredentialConfiguration.JwtVcJsonFormat, signer.Format);
        Assert.Equal("EdDSA", signer.Algorithm);
        Assert.Equal(System.Text.Json.JsonValueKind.String, signed.GetValueKind());
        var jws = Jws.ReadCompact(signed.GetValue<string>()).Value;
        Assert.Equal("vc+jwt", jws.Type);
        Assert.Equal(DidKey.Create(_holder).Value, jws.ParsePayload().Value.GetProperty("credentialSubject").GetProperty("id").GetString());
    }

    [Fact]
    public void DataIntegrityCredentialSigner_FormatAndCryptosuite()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signer = new DataIntegrityCredentialSigner(issuerKey, DidKey.GetKeyId(DidKey.Create(issuerKey)).Value, Credentials.W3c.DataIntegrity.Cryptosuite.EddsaRdfc2022);

        Assert.Equal(CredentialConfiguration.LdpVcFormat, signer.Format);
        Assert.Equal("eddsa-rdfc-2022", signer.Algorithm);
    }

    [Fact]
    public void ToProtocolError_IssuerSideRefinements_TravelAsTheirProtocolError()
    {
        Assert.Equal("invalid_proof", OpenId4VciErrors.ToProtocolError(OpenId4VciErrors.UnsupportedBindingMethod));
        Assert.Equal("server_error", OpenId4VciErrors.ToProtocolError(OpenId4VciErrors.CredentialSubjectMismatch));
    }

    private sealed class KeyIdSigner(ISigner inner, string keyId) : ISigner
    {
        public JwsAlgorithm Algorithm => inner.Algorithm;

        public string? KeyId => keyId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, System.Threading.CancellationToken cancellationToken = default) => inner.SignAsync(signingInput, cancellationToken);
    }
}
