using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.OpenId4Vp;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// OpenID4VCI 1.0 appendix A.1 over HTTP on 127.0.0.1: Open Badges issued as <c>ldp_vc</c> and <c>jwt_vc_json</c> to
/// the holder's did:key, received and stored by the wallet, then presented to an OpenID4VP verifier with DCQL.
/// </summary>
public sealed class OpenId4VciW3cEndToEndTests : IAsyncLifetime
{
    private OpenId4VciW3cTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await OpenId4VciW3cTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData(OpenId4VciW3cTestBed.LdpConfiguration, DcqlFormats.LdpVc)]
    [InlineData(OpenId4VciW3cTestBed.JwtConfiguration, DcqlFormats.JwtVcJson)]
    public async Task OfferTokenCredential_ThenPresent_VerifierAccepts(string configuration, string format)
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync(configuration));

        var received = await _bed.IssuanceClient.ReceiveAsync(resolved, _bed.Wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(format, received.Value.Imported.Format);
        var holderKey = (await _bed.Store.GetHolderKeyAsync(Assert.Single(received.Value.HolderKeyIds))).GetValueOrThrow();
        var holderDid = DidKey.Create(holderKey.PublicJwk with { Kid = null }).ToString();
        Assert.Equal([holderDid], Assert.Single(_bed.Requests).HolderDids);
        Assert.Equal("student-42", _bed.Requests[0].SubjectId);
        Assert.Equal(format, _bed.Requests[0].Format);

        var transaction = await _bed.Verifier.CreateRequestAsync(OpenId4VciW3cTestBed.BadgeQuery(format));
        var submission = await _bed.PresentationClient.PresentAsync(transaction.ByReferenceLink!, (_, _) => ValueTask.FromResult(PresentationConsent.Approve));

        Assert.True(submission.IsValid, submission.Error?.ToString());
        var result = (await _bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Status);
        var presentation = Assert.Single(result.ValidPresentationsFor("badge"));
        Assert.Equal(format, presentation.Format);
        Assert.Equal(holderDid, presentation.Holder);
        Assert.Equal(_bed.IssuerDid, presentation.Issuer);
    }

    [Fact]
    public async Task Metadata_W3cConfigurations_HaveCredentialDefinitionAndDidBinding()
    {
        var metadata = (await _bed.ResolveAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.LdpConfiguration))).Metadata;
        using var json = JsonDocument.Parse(_bed.Issuer.MetadataJson);
        var configurations = json.RootElement.GetProperty("credential_configurations_supported");

        var ldp = metadata.CredentialConfigurations[OpenId4VciW3cTestBed.LdpConfiguration];
        Assert.Equal(CredentialConfiguration.LdpVcFormat, ldp.Format);
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], ldp.CredentialDefinition!.Type);
        Assert.Equal(["https://www.w3.org/ns/credentials/v2", OpenId4VciW3cTestBed.ObContext], ldp.CredentialDefinition.Context!);
        Assert.Equal([CredentialConfiguration.DidKeyBindingMethod, CredentialConfiguration.DidJwkBindingMethod], ldp.CryptographicBindingMethods!);
        Assert.Equal(["eddsa-rdfc-2022"], ldp.CredentialSigningAlgorithms!);
        Assert.True(ldp.ProofTypes!.ContainsKey(ProofTypeMetadata.Jwt));
        var jwt = metadata.CredentialConfigurations[OpenId4VciW3cTestBed.JwtConfiguration];
        Assert.Equal(CredentialConfiguration.JwtVcJsonFormat, jwt.Format);
        Assert.Null(jwt.CredentialDefinition!.Context);
        Assert.Equal(["EdDSA"], jwt.CredentialSigningAlgorithms!);
        Assert.False(configurations.GetProperty(OpenId4VciW3cTestBed.JwtConfiguration).GetProperty("credential_definition").TryGetProperty("@context", out _));
        Assert.Equal(JsonValueKind.Array, configurations.GetProperty(OpenId4VciW3cTestBed.LdpConfiguration).GetProperty("credential_definition").GetProperty("@context").ValueKind);
    }

    [Theory]
    [InlineData(OpenId4VciW3cTestBed.LdpConfiguration, JsonValueKind.Object)]
    [InlineData(OpenId4VciW3cTestBed.JwtConfiguration, JsonValueKind.String)]
    public async Task CredentialEndpoint_Batch_OneCredentialPerDidInTheFormatsShape(string configuration, JsonValueKind kind)
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(configuration));
        var nonce = await _bed.NonceAsync();
        using var first = SigningKey.Create(JwsAlgorithm.Es256);
        using var second = SigningKey.Create(JwsAlgorithm.EdDsa);

        var result = await _bed.CredentialAsync(token, configuration, await _bed.DidProofAsync(first, nonce), await _bed.DidProofAsync(second, nonce, didJwk: true));

        Assert.True(result.IsSuccess, result.Body);
        using var body = JsonDocument.Parse(result.Body);
        var credentials = body.RootElement.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("credential")).ToList();
        Assert.Equal(2, credentials.Count);
        Assert.All(credentials, c => Assert.Equal(kind, c.ValueKind));
        Assert.Equal([DidKey.Create(first).ToString(), DidJwk.Create(second).ToString()], Assert.Single(_bed.Requests).HolderDids);
        var subjects = credentials.Select(c => SubjectIdOf(c)).ToList();
        Assert.Equal([DidKey.Create(first).ToString(), DidJwk.Create(second).ToString()], subjects);
    }

    [Fact]
    public async Task CredentialEndpoint_HookReturnsOneCachedObject_EachHolderGetsItsOwnSubjectAndTheObjectIsUnchanged()
    {
        using var first = SigningKey.Create(JwsAlgorithm.Es256);
        using var second = SigningKey.Create(JwsAlgorithm.Es256);
        var subjects = new System.Collections.Generic.List<string?>();

        foreach (var key in new[] { first, second })
        {
            var token = await _bed.TokenAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.LdpConfiguration, OpenId4VciW3cTestBed.CachedSubject));
            var result = await _bed.CredentialAsync(token, OpenId4VciW3cTestBed.LdpConfiguration, await _bed.DidProofAsync(key, await _bed.NonceAsync()));
            Assert.True(result.IsSuccess, result.Body);
            using var body = JsonDocument.Parse(result.Body);
            subjects.Add(SubjectIdOf(body.RootElement.GetProperty("credentials")[0].GetProperty("credential")));
        }

        Assert.Equal([DidKey.Create(first).ToString(), DidKey.Create(second).ToString()], subjects);
    }

    [Fact]
    public async Task CredentialEndpoint_HookSetsForeignSubjectId_IsCredentialSubjectMismatch()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.LdpConfiguration, OpenId4VciW3cTestBed.ForeignSubject));
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        var result = await _bed.CredentialAsync(token, OpenId4VciW3cTestBed.LdpConfiguration, await _bed.DidProofAsync(key, await _bed.NonceAsync()));

        Assert.Equal(OpenId4VciErrors.CredentialSubjectMismatch, result.Code);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("server_error", ProtocolErrorResponse.TryParse(System.Text.Encoding.UTF8.GetBytes(result.Body))!.Error);
    }

    [Fact]
    public async Task CredentialEndpoint_HookOmitsAConfiguredType_IsCredentialDefinitionMismatch()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.LdpConfiguration, OpenId4VciW3cTestBed.UntypedSubject));
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        var result = await _bed.CredentialAsync(token, OpenId4VciW3cTestBed.LdpConfiguration, await _bed.DidProofAsync(key, await _bed.NonceAsync()));

        Assert.Equal(OpenId4VciErrors.CredentialDefinitionMismatch, result.Code);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("server_error", ProtocolErrorResponse.TryParse(System.Text.Encoding.UTF8.GetBytes(result.Body))!.Error);
    }

    [Fact]
    public async Task ReceiveAsync_HookSetsForeignSubjectId_ServerErrorAndNothingStored()
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.JwtConfiguration, OpenId4VciW3cTestBed.ForeignSubject));

        var received = await _bed.IssuanceClient.ReceiveAsync(resolved, _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.ServerError, received.Error!.Code);
        Assert.Empty((await _bed.Store.ListAsync()).GetValueOrThrow());
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).GetValueOrThrow());
    }

    [Fact]
    public async Task CredentialEndpoint_ProofDidMethodNotAllowed_IsUnsupportedBindingMethod()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.JwkOnlyConfiguration));
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        var result = await _bed.CredentialAsync(token, OpenId4VciW3cTestBed.JwkOnlyConfiguration, await _bed.DidProofAsync(key, await _bed.NonceAsync()));

        Assert.Equal(OpenId4VciErrors.UnsupportedBindingMethod, result.Code);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal("invalid_proof", ProtocolErrorResponse.TryParse(System.Text.Encoding.UTF8.GetBytes(result.Body))!.Error);
        Assert.Empty(_bed.Requests);
    }

    [Fact]
    public async Task CredentialEndpoint_JwkProofForW3cConfiguration_IsUnsupportedBindingMethod()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.LdpConfiguration));
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var proof = await JwtKeyProof.CreateAsync(key, key.PublicJwk, _bed.IssuerId, await _bed.NonceAsync(), System.TimeProvider.System.GetUtcNow());

        var result = await _bed.CredentialAsync(token, OpenId4VciW3cTestBed.LdpConfiguration, proof);

        Assert.Equal(OpenId4VciErrors.UnsupportedBindingMethod, result.Code);
        Assert.Empty(_bed.Requests);
    }

    [Fact]
    public async Task ReceiveAsync_DidJwkOnlyConfiguration_BindsToDidJwkAndStores()
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.JwkOnlyConfiguration));

        var received = await _bed.IssuanceClient.ReceiveAsync(resolved, _bed.Wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        var holderKey = (await _bed.Store.GetHolderKeyAsync(Assert.Single(received.Value.HolderKeyIds))).GetValueOrThrow();
        Assert.Equal([DidJwk.Create(holderKey.PublicJwk with { Kid = null }).ToString()], Assert.Single(_bed.Requests).HolderDids);
    }

    [Fact]
    public async Task ReceiveAsync_Denied_IsCredentialRequestDeniedAndNothingStored()
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync(OpenId4VciW3cTestBed.LdpConfiguration, OpenId4VciW3cTestBed.DeniedSubject));

        var received = await _bed.IssuanceClient.ReceiveAsync(resolved, _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.CredentialRequestDenied, received.Error!.Code);
        Assert.Empty((await _bed.Store.ListAsync()).GetValueOrThrow());
    }

    private static string? SubjectIdOf(JsonElement credential)
    {
        if (credential.ValueKind == JsonValueKind.Object)
        {
            return credential.GetProperty("credentialSubject").GetProperty("id").GetString();
        }

        var payload = Jws.ReadCompact(credential.GetString()!).Value.ParsePayload().Value;
        var vc = payload.TryGetProperty("vc", out var inner) ? inner : payload;
        return vc.GetProperty("credentialSubject").GetProperty("id").GetString();
    }
}
