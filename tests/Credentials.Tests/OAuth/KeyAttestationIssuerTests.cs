using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OAuth;

/// <summary>The Credential Issuer with a key attestation policy (OpenID4VCI 1.0 appendix D, F.1, F.3) and wallet attestation at its token endpoint.</summary>
public sealed class KeyAttestationIssuerTests : IDisposable
{
    private const string IssuerId = "https://issuer.example.jp/ipa";
    private const string WalletClientId = "https://wallet.example.jp";
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(s_now);
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "issuer-1");
    private readonly SigningKey _attester = SigningKey.Create(JwsAlgorithm.Es256, "attester-1");
    private readonly SigningKey _provider = SigningKey.Create(JwsAlgorithm.Es256, "provider-1");
    private readonly SigningKey _instance = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _holder1 = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _holder2 = SigningKey.Create(JwsAlgorithm.Es256);

    public void Dispose()
    {
        _issuerKey.Dispose();
        _attester.Dispose();
        _provider.Dispose();
        _instance.Dispose();
        _holder1.Dispose();
        _holder2.Dispose();
    }

    private OpenId4VciIssuer CreateIssuer(bool keyAttestation = true, bool clientAttestation = false) => new(
        new InMemoryProtocolStateStore(),
        new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = _issuerKey,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = "exam", Vct = "https://issuer.example.jp/exam", Scope = "exam" }],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Disclosable("score", 812) }),
            TimeProvider = _clock,
            KeyAttestation = keyAttestation
                ? new KeyAttestationPolicy { TrustedAttesterKeys = [_attester.PublicJwk], KeyStorage = KeyAttestation.LevelsAtLeast(KeyAttestation.Iso18045Moderate), TimeProvider = _clock }
                : null,
            ClientAttestation = clientAttestation ? new ClientAttestationValidatorOptions { TrustedProviderKeys = [_provider.PublicJwk], TimeProvider = _clock } : null,
        });

    private async Task<(string Token, string Nonce)> TokenAndNonce(OpenId4VciIssuer issuer)
    {
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = ["exam"] });
        var token = await issuer.HandleTokenRequestAsync(new Dictionary<string, IReadOnlyList<string>>
        {
            ["grant_type"] = [CredentialOffer.PreAuthorizedCodeGrantType],
            ["pre-authorized_code"] = [offer.Offer.PreAuthorizedCode!.PreAuthorizedCode],
        });
        Assert.True(token.IsSuccess, token.Body);
        var nonce = await issuer.HandleNonceRequestAsync();
        using var tokenJson = JsonDocument.Parse(token.Body);
        using var nonceJson = JsonDocument.Parse(nonce.Body);
        return (tokenJson.RootElement.GetProperty("access_token").GetString()!, nonceJson.RootElement.GetProperty("c_nonce").GetString()!);
    }

    private ValueTask<string> Attest(string storage, string? nonce, ISigner? attester = null, params Jwk[] keys)
        => new KeyAttestationIssuer(attester ?? _attester, new KeyAttestationIssuerOptions { TimeProvider = _clock })
            .IssueAsync(new KeyAttestationRequest { AttestedKeys = keys, KeyStorage = [storage], UserAuthentication = [KeyAttestation.Iso18045High], Nonce = nonce });

    private static ValueTask<IssuerEndpointResult> Request(OpenId4VciIssuer issuer, string token, string body)
        => issuer.HandleCredentialRequestAsync("Bearer " + token, Encoding.UTF8.GetBytes(body));

    private static int CredentialCount(IssuerEndpointResult result)
    {
        using var doc = JsonDocument.Parse(result.Body);
        return doc.RootElement.GetProperty("credentials").GetArrayLength();
    }

    [Fact]
    public void Metadata_WithPolicy_PublishesKeyAttestationsRequiredAndAttestationProofType()
    {
        var issuer = CreateIssuer();
        using var doc = JsonDocument.Parse(issuer.MetadataJson);
        var proofTypes = doc.RootElement.GetProperty("credential_configurations_supported").GetProperty("exam").GetProperty("proof_types_supported");

        var required = proofTypes.GetProperty("jwt").GetProperty("key_attestations_required");
        Assert.Equal(KeyAttestation.Iso18045High, required.GetProperty("key_storage")[0].GetString());
        Assert.Equal(KeyAttestation.Iso18045Moderate, required.GetProperty("key_storage")[1].GetString());
        Assert.True(proofTypes.GetProperty("attestation").TryGetProperty("key_attestations_required", out _));

        var read = CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(issuer.MetadataJson));
        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.True(read.Value.CredentialConfigurations["exam"].ProofTypes![ProofTypeMetadata.Jwt].KeyAttestationsRequired);
    }

    [Fact]
    public void Metadata_WithoutPolicy_HasNoKeyAttestationsRequired()
    {
        using var doc = JsonDocument.Parse(CreateIssuer(keyAttestation: false).MetadataJson);
        var proofTypes = doc.RootElement.GetProperty("credential_configurations_supported").GetProperty("exam").GetProperty("proof_types_supported");

        Assert.False(proofTypes.GetProperty("jwt").TryGetProperty("key_attestations_required", out _));
        Assert.False(proofTypes.TryGetProperty("attestation", out _));
    }

    [Fact]
    public async Task JwtProofWithKeyAttestation_AcceptedByPolicy_IssuesCredential()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045High, nonce, keys: _holder1.PublicJwk);
        var proof = await JwtKeyProof.CreateWithKeyAttestationAsync(_holder1, _holder1.PublicJwk, attestation, IssuerId, nonce, s_now);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", JwtProofs = [proof] }.ToJson());

        Assert.True(result.IsSuccess, result.Body);
        Assert.Equal(1, CredentialCount(result));
    }

    [Fact]
    public async Task JwtProofWithKeyAttestation_StorageBelowPolicy_InvalidProof()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045Basic, nonce, keys: _holder1.PublicJwk);
        var proof = await JwtKeyProof.CreateWithKeyAttestationAsync(_holder1, _holder1.PublicJwk, attestation, IssuerId, nonce, s_now);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", JwtProofs = [proof] }.ToJson());

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("invalid_proof", result.Body, StringComparison.Ordinal);
        Assert.Equal(KeyAttestationErrors.KeyStorageInsufficient, result.Code);
    }

    [Fact]
    public async Task JwtProofWithKeyAttestation_UntrustedAttester_Refused()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        using var other = SigningKey.Create(JwsAlgorithm.Es256, "self-made");
        var attestation = await Attest(KeyAttestation.Iso18045High, nonce, other, _holder1.PublicJwk);
        var proof = await JwtKeyProof.CreateWithKeyAttestationAsync(_holder1, _holder1.PublicJwk, attestation, IssuerId, nonce, s_now);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", JwtProofs = [proof] }.ToJson());

        Assert.Equal(KeyAttestationErrors.UntrustedAttester, result.Code);
    }

    [Fact]
    public async Task JwtProofWithKeyAttestation_ProofKeyNotAttested_Refused()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045High, nonce, keys: _holder2.PublicJwk);
        var proof = await JwtKeyProof.CreateWithKeyAttestationAsync(_holder1, _holder1.PublicJwk, attestation, IssuerId, nonce, s_now);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", JwtProofs = [proof] }.ToJson());

        Assert.Equal(KeyAttestationErrors.KeyNotAttested, result.Code);
    }

    [Fact]
    public async Task JwtProofWithExpiredKeyAttestation_Refused()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await new KeyAttestationIssuer(_attester, new KeyAttestationIssuerOptions { TimeProvider = _clock })
            .IssueAsync(new KeyAttestationRequest { AttestedKeys = [_holder1.PublicJwk], KeyStorage = [KeyAttestation.Iso18045High], Nonce = nonce, ExpiresAt = s_now.AddMinutes(1) });
        _clock.Advance(TimeSpan.FromMinutes(3));
        var proof = await JwtKeyProof.CreateWithKeyAttestationAsync(_holder1, _holder1.PublicJwk, attestation, IssuerId, nonce, _clock.GetUtcNow());

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", JwtProofs = [proof] }.ToJson());

        Assert.Equal(KeyAttestationErrors.Expired, result.Code);
    }

    [Fact]
    public async Task JwtProofWithoutKeyAttestation_PolicyRequiresOne_Refused()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var proof = await JwtKeyProof.CreateAsync(_holder1, _holder1.PublicJwk, IssuerId, nonce, s_now);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", JwtProofs = [proof] }.ToJson());

        Assert.Equal(KeyAttestationErrors.Missing, result.Code);
    }

    [Fact]
    public async Task JwtProofWithKeyAttestation_IssuerWithoutPolicy_InvalidProof()
    {
        var issuer = CreateIssuer(keyAttestation: false);
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045High, nonce, keys: _holder1.PublicJwk);
        var proof = await JwtKeyProof.CreateWithKeyAttestationAsync(_holder1, _holder1.PublicJwk, attestation, IssuerId, nonce, s_now);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", JwtProofs = [proof] }.ToJson());

        Assert.Equal(OpenId4VciErrors.InvalidProof, result.Code);
    }

    [Fact]
    public async Task AttestationProof_TwoAttestedKeys_IssuesTwoCredentials()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045High, nonce, keys: [_holder1.PublicJwk, _holder2.PublicJwk]);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", AttestationProofs = [attestation] }.ToJson());

        Assert.True(result.IsSuccess, result.Body);
        Assert.Equal(2, CredentialCount(result));
    }

    [Fact]
    public async Task AttestationProof_WithoutNonce_Refused()
    {
        var issuer = CreateIssuer();
        var (token, _) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045High, null, keys: _holder1.PublicJwk);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", AttestationProofs = [attestation] }.ToJson());

        Assert.Equal(KeyAttestationErrors.NonceMissing, result.Code);
    }

    [Fact]
    public async Task AttestationProof_StorageBelowPolicy_Refused()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045EnhancedBasic, nonce, keys: _holder1.PublicJwk);

        var result = await Request(issuer, token, new CredentialRequest { CredentialConfigurationId = "exam", AttestationProofs = [attestation] }.ToJson());

        Assert.Equal(KeyAttestationErrors.KeyStorageInsufficient, result.Code);
    }

    [Fact]
    public async Task AttestationProof_NonceAlreadyUsed_InvalidNonce()
    {
        var issuer = CreateIssuer();
        var (token, nonce) = await TokenAndNonce(issuer);
        var attestation = await Attest(KeyAttestation.Iso18045High, nonce, keys: _holder1.PublicJwk);
        var body = new CredentialRequest { CredentialConfigurationId = "exam", AttestationProofs = [attestation] }.ToJson();
        Assert.True((await Request(issuer, token, body)).IsSuccess);
        var (token2, _) = await TokenAndNonce(issuer);

        var replay = await Request(issuer, token2, body);

        Assert.Equal(OpenId4VciErrors.InvalidNonce, replay.Code);
    }

    [Fact]
    public void CredentialRequest_AttestationProofWithTwoJwts_InvalidProof()
    {
        var read = CredentialRequest.Read(Encoding.UTF8.GetBytes("{\"credential_configuration_id\":\"exam\",\"proofs\":{\"attestation\":[\"a.b.c\",\"d.e.f\"]}}"));

        Assert.Equal(OpenId4VciErrors.InvalidProof, read.Error!.Code);
    }

    [Fact]
    public async Task TokenEndpoint_ClientAttestationRequired_MissingIsInvalidClient_ValidIsAccepted()
    {
        var issuer = CreateIssuer(keyAttestation: false, clientAttestation: true);
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = ["exam"] });
        var form = new Dictionary<string, IReadOnlyList<string>>
        {
            ["grant_type"] = [CredentialOffer.PreAuthorizedCodeGrantType],
            ["pre-authorized_code"] = [offer.Offer.PreAuthorizedCode!.PreAuthorizedCode],
        };
        var url = new Uri(issuer.TokenEndpoint);

        var without = await issuer.HandleTokenRequestAsync(new IssuerHttpRequest { Method = "POST", Url = url }, form, default);

        var attestation = await new ClientAttestationIssuer(_provider, new ClientAttestationIssuerOptions { TimeProvider = _clock }).IssueAsync(WalletClientId, _instance.PublicJwk);
        var pop = await ClientAttestationPop.CreateAsync(_instance, IssuerId, _clock);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [ClientAttestation.HeaderName] = [attestation],
            [ClientAttestation.PopHeaderName] = [pop],
        };
        var with = await issuer.HandleTokenRequestAsync(new IssuerHttpRequest { Method = "POST", Url = url, Headers = headers }, form, default);

        Assert.Equal(401, without.StatusCode);
        Assert.Contains("invalid_client", without.Body, StringComparison.Ordinal);
        Assert.Equal(ClientAttestationErrors.Missing, without.Code);
        Assert.True(with.IsSuccess, with.Body);
    }

    [Fact]
    public async Task TokenEndpoint_ForgedWalletAttestation_InvalidClient()
    {
        var issuer = CreateIssuer(keyAttestation: false, clientAttestation: true);
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = ["exam"] });
        using var forger = SigningKey.Create(JwsAlgorithm.Es256, "forger");
        var attestation = await new ClientAttestationIssuer(forger, new ClientAttestationIssuerOptions { TimeProvider = _clock }).IssueAsync(WalletClientId, _instance.PublicJwk);
        var pop = await ClientAttestationPop.CreateAsync(_instance, IssuerId, _clock);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [ClientAttestation.HeaderName] = [attestation],
            [ClientAttestation.PopHeaderName] = [pop],
        };

        var result = await issuer.HandleTokenRequestAsync(
            new IssuerHttpRequest { Method = "POST", Url = new Uri(issuer.TokenEndpoint), Headers = headers },
            new Dictionary<string, IReadOnlyList<string>> { ["grant_type"] = [CredentialOffer.PreAuthorizedCodeGrantType], ["pre-authorized_code"] = [offer.Offer.PreAuthorizedCode!.PreAuthorizedCode] },
            default);

        Assert.Equal(401, result.StatusCode);
        Assert.Equal(ClientAttestationErrors.UntrustedProvider, result.Code);
    }

    [Fact]
    public void AuthorizationServerMetadata_ClientAttestation_ListsMethodAndAlgorithms()
    {
        var issuer = CreateIssuer(keyAttestation: false, clientAttestation: true);
        using var doc = JsonDocument.Parse(issuer.AuthorizationServerMetadataJson);

        Assert.Equal(ClientAttestation.AuthenticationMethod, doc.RootElement.GetProperty("token_endpoint_auth_methods_supported")[0].GetString());
        Assert.Equal("ES256", doc.RootElement.GetProperty("client_attestation_signing_alg_values_supported")[0].GetString());
        Assert.Equal("ES256", doc.RootElement.GetProperty("client_attestation_pop_signing_alg_values_supported")[0].GetString());
        var read = AuthorizationServerMetadata.Read(Encoding.UTF8.GetBytes(issuer.AuthorizationServerMetadataJson));
        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal([ClientAttestation.AuthenticationMethod], read.Value.TokenEndpointAuthMethodsSupported);
    }
}
