using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>OpenID4VCI 1.0 sections 8.2, 8.3 and 10: encrypted Credential Responses and Requests.</summary>
public sealed class CredentialResponseEncryptionTests : IDisposable
{
    private readonly DeferredTestBed _bed = new() { Defer = false };
    private readonly KeyAgreementKey _wallet = KeyAgreementKey.CreateEc(JwkCurves.P256, "wallet-enc");
    private readonly KeyAgreementKey _issuerEnc = KeyAgreementKey.CreateEc(JwkCurves.P256, "issuer-enc-1");

    public void Dispose()
    {
        _bed.Dispose();
        _wallet.Dispose();
        _issuerEnc.Dispose();
    }

    private OpenId4VciIssuer Create(IssuerEncryptionOptions? encryption = null)
        => _bed.Create(o => o with { Encryption = encryption ?? new IssuerEncryptionOptions() });

    private CredentialResponseEncryption Parameters(string enc = "A128GCM", string? alg = "ECDH-ES", string? zip = null)
        => new() { Jwk = _wallet.PublicJwk with { Alg = alg }, Enc = enc, Zip = zip };

    [Fact]
    public async Task EncryptedResponse_IsJwtDecryptingToTheCredentialResponse()
    {
        var issuer = Create();
        var token = await _bed.TokenAsync(issuer);

        var result = await _bed.RequestAsync(issuer, token, Parameters());

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("application/jwt", result.ContentType);
        var decrypted = new JweDecrypter(_wallet).Decrypt(result.Body);
        Assert.True(decrypted.IsValid, decrypted.Error?.ToString());
        Assert.Equal("wallet-enc", decrypted.Value.KeyId);
        Assert.Equal("A128GCM", decrypted.Value.Encryption.Name);
        var response = CredentialResponse.Read(decrypted.Value.Plaintext);
        Assert.Single(response.Value.Credentials!);
    }

    [Fact]
    public async Task DeferredResponses_AreEncryptedWithTheKeyOfEachRequest()
    {
        _bed.Defer = true;
        var issuer = Create();
        var token = await _bed.TokenAsync(issuer);
        var accepted = await _bed.RequestAsync(issuer, token, Parameters());
        var pending = CredentialResponse.Read(new JweDecrypter(_wallet).Decrypt(accepted.Body).Value.Plaintext).Value;
        Assert.True(await issuer.ApproveDeferredAsync(pending.TransactionId!, DeferredTestBed.Dataset()));
        using var second = KeyAgreementKey.CreateEc(JwkCurves.P256);

        var delivered = await DeferredTestBed.PollAsync(issuer, token, pending.TransactionId!, new CredentialResponseEncryption { Jwk = second.PublicJwk with { Alg = "ECDH-ES" }, Enc = "A256GCM" });

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal("application/jwt", accepted.ContentType);
        Assert.Equal(200, delivered.StatusCode);
        Assert.False(new JweDecrypter(_wallet).Decrypt(delivered.Body).IsValid);
        Assert.Single(CredentialResponse.Read(new JweDecrypter(second).Decrypt(delivered.Body).Value.Plaintext).Value.Credentials!);
    }

    [Fact]
    public async Task Metadata_AdvertisesResponseAndRequestEncryption()
    {
        var issuer = Create(new IssuerEncryptionOptions { ResponseEncryptionRequired = true, RequestDecryptionKeys = [_issuerEnc] });

        var metadata = CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(issuer.MetadataJson)).Value;

        Assert.Equal(["ECDH-ES"], metadata.CredentialResponseEncryption!.AlgValuesSupported);
        Assert.Equal(["A128GCM", "A256GCM"], metadata.CredentialResponseEncryption.EncValuesSupported);
        Assert.True(metadata.CredentialResponseEncryption.EncryptionRequired);
        Assert.Null(metadata.CredentialResponseEncryption.ZipValuesSupported);
        var key = Assert.Single(metadata.CredentialRequestEncryption!.Keys);
        Assert.Equal("issuer-enc-1", key.Kid);
        Assert.Null(key.D);
        Assert.False(metadata.CredentialRequestEncryption.EncryptionRequired);
    }

    [Theory]
    [InlineData("A128CBC-HS256", "ECDH-ES", null)]
    [InlineData("A512GCM", "ECDH-ES", null)]
    [InlineData("A128GCM", "ECDH-ES+A128KW", null)]
    [InlineData("A128GCM", "RSA-OAEP-256", null)]
    [InlineData("A128GCM", null, null)]
    [InlineData("A128GCM", "ECDH-ES", "DEF")]
    public async Task UnsupportedParameters_AreInvalidEncryptionParametersAndConsumeNothing(string enc, string? alg, string? zip)
    {
        var issuer = Create();
        var token = await _bed.TokenAsync(issuer);

        var refused = await _bed.RequestAsync(issuer, token, Parameters(enc, alg, zip));
        var retried = await _bed.RequestAsync(issuer, token);

        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, refused.Code);
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("application/json", refused.ContentType);
        Assert.Equal(200, retried.StatusCode);
    }

    [Fact]
    public async Task EncryptionAsked_IssuerWithoutEncryption_IsInvalidEncryptionParameters()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);

        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, (await _bed.RequestAsync(issuer, token, Parameters())).Code);
    }

    [Fact]
    public async Task EncryptionRequired_NoneAsked_IsInvalidEncryptionParameters()
    {
        var issuer = Create(new IssuerEncryptionOptions { ResponseEncryptionRequired = true });
        var token = await _bed.TokenAsync(issuer);

        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, (await _bed.RequestAsync(issuer, token)).Code);
    }

    [Fact]
    public async Task MalformedJwk_IsInvalidEncryptionParameters()
    {
        var issuer = Create();
        var token = await _bed.TokenAsync(issuer);
        var proof = await _bed.ProofAsync(issuer);
        var json = "{\"credential_configuration_id\":\"" + DeferredTestBed.Configuration + "\",\"proofs\":{\"jwt\":[\"" + proof + "\"]},\"credential_response_encryption\":{\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\",\"alg\":\"ECDH-ES\"},\"enc\":\"A128GCM\"}}";

        var result = await issuer.HandleCredentialRequestAsync("Bearer " + token, Encoding.UTF8.GetBytes(json), CancellationToken.None);

        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, result.Code);
    }

    [Fact]
    public async Task EncryptedRequest_IsDecryptedAndAnswered()
    {
        var issuer = Create(new IssuerEncryptionOptions { RequestDecryptionKeys = [_issuerEnc], RequestEncryptionRequired = true });
        var token = await _bed.TokenAsync(issuer);
        var request = new CredentialRequest { CredentialConfigurationId = DeferredTestBed.Configuration, JwtProofs = [await _bed.ProofAsync(issuer)], ResponseEncryption = Parameters() };
        var jwe = JweEncrypter.Encrypt(Encoding.UTF8.GetBytes(request.ToJson()), _issuerEnc.PublicJwk, JweEncryption.A128Gcm, new JweHeaderOptions { KeyId = "issuer-enc-1" });

        var result = await issuer.HandleCredentialRequestAsync("Bearer " + token, Encoding.ASCII.GetBytes(jwe), CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.True(new JweDecrypter(_wallet).Decrypt(result.Body).IsValid);
    }

    [Fact]
    public async Task RequestEncryptionRequired_PlainRequest_IsInvalidEncryptionParameters()
    {
        var issuer = Create(new IssuerEncryptionOptions { RequestDecryptionKeys = [_issuerEnc], RequestEncryptionRequired = true });
        var token = await _bed.TokenAsync(issuer);

        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, (await _bed.RequestAsync(issuer, token)).Code);
    }

    [Fact]
    public async Task ResponseKeyInPlainRequest_WhenRequestEncryptionOffered_IsInvalidEncryptionParameters()
    {
        var issuer = Create(new IssuerEncryptionOptions { RequestDecryptionKeys = [_issuerEnc] });
        var token = await _bed.TokenAsync(issuer);

        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, (await _bed.RequestAsync(issuer, token, Parameters())).Code);
        Assert.Equal(200, (await _bed.RequestAsync(issuer, token)).StatusCode);
    }

    [Fact]
    public async Task EncryptedRequest_WrongKeyOrGarbage_IsInvalidEncryptionParameters()
    {
        var issuer = Create(new IssuerEncryptionOptions { RequestDecryptionKeys = [_issuerEnc] });
        var token = await _bed.TokenAsync(issuer);
        using var other = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var jwe = JweEncrypter.Encrypt("{}"u8, other.PublicJwk, JweEncryption.A128Gcm, new JweHeaderOptions { KeyId = "issuer-enc-1" });

        var wrongKey = await issuer.HandleCredentialRequestAsync("Bearer " + token, Encoding.ASCII.GetBytes(jwe), CancellationToken.None);
        var garbage = await issuer.HandleCredentialRequestAsync("Bearer " + token, "not-a-jwe"u8.ToArray(), CancellationToken.None);
        var plainIssuer = Create();
        var jweToPlainIssuer = await plainIssuer.HandleCredentialRequestAsync("Bearer " + await _bed.TokenAsync(plainIssuer), Encoding.ASCII.GetBytes(jwe), CancellationToken.None);

        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, wrongKey.Code);
        Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, garbage.Code);
        Assert.Equal(OpenId4VciErrors.InvalidCredentialRequest, jweToPlainIssuer.Code);
    }

    [Fact]
    public void Metadata_SpecExample_ReadsBothEncryptionObjects()
    {
        var metadata = CredentialIssuerMetadata.Read(Vectors.ReadBytes("credential_issuer_metadata_sd_jwt_long.json"));

        Assert.True(metadata.IsValid, metadata.Error?.ToString());
        Assert.Equal("ac", Assert.Single(metadata.Value.CredentialRequestEncryption!.Keys).Kid);
        Assert.True(metadata.Value.CredentialRequestEncryption.EncryptionRequired);
        Assert.Equal(["DEF"], metadata.Value.CredentialRequestEncryption.ZipValuesSupported);
        Assert.Equal(["ECDH-ES"], metadata.Value.CredentialResponseEncryption!.AlgValuesSupported);
    }

    [Fact]
    public void Options_DuplicateKeyIds_Throw()
        => Assert.Throws<InvalidOperationException>(() => Create(new IssuerEncryptionOptions { RequestDecryptionKeys = [_issuerEnc, _issuerEnc] }));

    [Fact]
    public void CredentialRequest_RoundTripsResponseEncryption()
    {
        var json = new CredentialRequest { CredentialConfigurationId = "c", JwtProofs = ["p"], ResponseEncryption = Parameters(zip: "DEF") }.ToJson();

        var read = CredentialRequest.Read(Encoding.UTF8.GetBytes(json));

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal("A128GCM", read.Value.ResponseEncryption!.Enc);
        Assert.Equal("DEF", read.Value.ResponseEncryption.Zip);
        Assert.Equal(_wallet.PublicJwk.ComputeThumbprint(), read.Value.ResponseEncryption.Jwk.ComputeThumbprint());
    }

    [Theory]
    [InlineData("{\"credential_configuration_id\":\"c\",\"credential_response_encryption\":[]}")]
    [InlineData("{\"credential_configuration_id\":\"c\",\"credential_response_encryption\":{\"enc\":\"A128GCM\"}}")]
    [InlineData("{\"credential_configuration_id\":\"c\",\"credential_response_encryption\":{\"jwk\":{\"kty\":\"EC\"},\"enc\":\"A128GCM\"}}")]
    public void CredentialRequest_MalformedEncryption_IsInvalidEncryptionParameters(string json)
        => Assert.Equal(OpenId4VciErrors.InvalidEncryptionParameters, CredentialRequest.Read(Encoding.UTF8.GetBytes(json)).Error?.Code);
}
