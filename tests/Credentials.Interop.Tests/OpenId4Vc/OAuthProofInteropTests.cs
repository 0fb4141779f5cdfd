using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.Protocols;
using Xunit;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>
/// The HAIP building blocks one message at a time against <c>@openid4vc/oauth2</c> 0.4.6 (script
/// <c>node/oid4vc-oauth-proofs.mjs</c>): DPoP proofs (RFC 9449), client attestations with their PoP
/// (draft-ietf-oauth-attestation-based-client-auth) and PKCE S256 (RFC 7636), each made on one side and checked on the
/// other, with a broken copy refused by the checking side.
/// </summary>
public sealed class OAuthProofInteropTests
{
    private const string Url = "http://127.0.0.1:8443/ipa/credential";
    private const string AuthorizationServer = "http://127.0.0.1:8443/ipa";

    // RFC 9449 section 4.2/4.3: their server-side verifyDpopJwt accepts our proof for the same request, access token and
    // nonce, and finds our key's RFC 7638 thumbprint.
    [Fact]
    public async Task OurDpopProof_TheirVerifyDpopJwt_AcceptedWithOurThumbprint()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var proof = await DpopProof.CreateAsync(key, "POST", new Uri(Url), TimeProvider.System, nonce: "n-1", accessToken: "access-token-1");

        var output = await RunAsync(new JsonObject
        {
            ["mode"] = "verify-dpop", ["proof"] = proof, ["method"] = "POST", ["url"] = Url,
            ["accessToken"] = "access-token-1", ["nonce"] = "n-1", ["expectedJkt"] = key.PublicJwk.ComputeThumbprint(),
        });

        Assert.True(output["ok"]!.GetValue<bool>(), output.ToJsonString());
        Assert.Equal(key.PublicJwk.ComputeThumbprint(), output["jkt"]!.GetValue<string>());
        Assert.Equal("dpop+jwt", output["header"]!["typ"]!.GetValue<string>());
        Assert.Equal(DpopProof.ComputeAccessTokenHash("access-token-1"), output["payload"]!["ath"]!.GetValue<string>());
    }

    // RFC 9449 section 4.3 checks 8 and 9 (htm, htu) and section 4.3 check 11 via `ath` (section 7.1): their verifier
    // refuses our proof for another URL, another method or another access token.
    [Theory]
    [InlineData("url")]
    [InlineData("method")]
    [InlineData("access_token")]
    [InlineData("key")]
    public async Task OurDpopProof_OtherRequestOrKey_TheirVerifyDpopJwtRefuses(string changed)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var proof = await DpopProof.CreateAsync(key, "POST", new Uri(Url), TimeProvider.System, accessToken: "access-token-1");

        var output = await RunAsync(new JsonObject
        {
            ["mode"] = "verify-dpop", ["proof"] = proof,
            ["method"] = changed == "method" ? "GET" : "POST",
            ["url"] = changed == "url" ? AuthorizationServer + "/token" : Url,
            ["accessToken"] = changed == "access_token" ? "access-token-2" : "access-token-1",
            ["expectedJkt"] = (changed == "key" ? other : key).PublicJwk.ComputeThumbprint(),
        });

        Assert.False(output["ok"]!.GetValue<bool>());
        Assert.Equal("invalid_dpop_proof", output["error"]!.GetValue<string>());
    }

    // RFC 9449 section 4.3 check 11 ("the creation time of the JWT ... is within an acceptable window"): their
    // verifyDpopJwt (0.4.6) leaves `iat` to the caller and accepts a proof made an hour ago; our validator refuses it as
    // dpop.stale. Their gap as a server, pinned so a change on their side is noticed.
    [Fact]
    public async Task OurDpopProofFromAnHourAgo_TheirVerifierAccepts_OursRefusesAsStale()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var anHourAgo = Credentials.Testing.TestClock.At(DateTimeOffset.UtcNow.AddHours(-1));
        var proof = await DpopProof.CreateAsync(key, "POST", new Uri(Url), anHourAgo);

        var theirs = await RunAsync(new JsonObject { ["mode"] = "verify-dpop", ["proof"] = proof, ["method"] = "POST", ["url"] = Url });
        var ours = await new DpopProofValidator(new InMemoryProtocolStateStore()).ValidateAsync([proof], "POST", new Uri(Url));

        Assert.True(theirs["ok"]!.GetValue<bool>(), theirs.ToJsonString());
        Assert.Equal(DpopErrors.Stale, ours.Error?.Code);
    }

    // RFC 9449 section 4.3: the proof their client puts on a resource request (Oauth2Client.resourceRequest with a DPoP
    // signer) passes our DpopProofValidator for that request and access token; our validator refuses it for another URL
    // (dpop.htu_mismatch), another access token (dpop.ath_mismatch) and a second time (dpop.replayed).
    [Fact]
    public async Task TheirDpopProof_OurValidator_AcceptedOnceAndOnlyForItsRequest()
    {
        var output = await RunAsync(new JsonObject
        {
            ["mode"] = "create-dpop", ["method"] = "POST", ["url"] = Url, ["accessToken"] = "access-token-1",
        });
        var proof = output["proof"]!.GetValue<string>();
        Assert.Equal("DPoP access-token-1", output["authorization"]!.GetValue<string>());
        var theirKey = Jwk.Read(JsonDocument.Parse(output["publicJwk"]!.ToJsonString()).RootElement).Value;
        var validator = new DpopProofValidator(new InMemoryProtocolStateStore());

        var otherUrl = await validator.ValidateAsync([proof], "POST", new Uri(AuthorizationServer + "/token"), "access-token-1");
        var otherToken = await validator.ValidateAsync([proof], "POST", new Uri(Url), "access-token-2");
        var valid = await validator.ValidateAsync([proof], "POST", new Uri(Url), "access-token-1", theirKey.ComputeThumbprint());
        var replayed = await validator.ValidateAsync([proof], "POST", new Uri(Url), "access-token-1", theirKey.ComputeThumbprint());

        Assert.Equal(DpopErrors.HtuMismatch, otherUrl.Error?.Code);
        Assert.Equal(DpopErrors.AthMismatch, otherToken.Error?.Code);
        Assert.True(valid.IsValid, valid.Error?.ToString());
        Assert.Equal(theirKey.ComputeThumbprint(), valid.Value.Thumbprint);
        Assert.Equal(DpopErrors.Replayed, replayed.Error?.Code);
    }

    // Attestation-based client authentication: their createClientAttestationJwt (wallet provider) and the PoP their
    // clientAuthenticationClientAttestationJwt puts on a token request pass our ClientAttestationValidator with the
    // provider's key as trust; another key under the same kid is refused (client_attestation.invalid_signature), so is
    // the PoP for another authorization server (client_attestation.pop_audience_mismatch) and the attestation for
    // another client_id (client_attestation.client_id_mismatch).
    [Fact]
    public async Task TheirClientAttestation_OurValidator_AcceptedAndBoundToAudience()
    {
        using var provider = SigningKey.Create(JwsAlgorithm.Es256, "wallet-provider-1");
        using var otherProvider = SigningKey.Create(JwsAlgorithm.Es256, "wallet-provider-1");
        var output = await RunAsync(new JsonObject
        {
            ["mode"] = "create-attestation", ["providerJwk"] = PrivateJwk(provider), ["providerKid"] = provider.KeyId,
            ["issuer"] = "https://wallet-provider.example.jp", ["clientId"] = "interop-wallet",
            ["authorizationServer"] = AuthorizationServer, ["tokenEndpoint"] = AuthorizationServer + "/token",
        });
        var attestation = output["attestation"]!.GetValue<string>();
        var pop = output["pop"]!.GetValue<string>();

        var valid = await Validator(provider, AuthorizationServer).ValidateAsync(attestation, pop, "interop-wallet");
        var untrusted = await Validator(otherProvider, AuthorizationServer).ValidateAsync(attestation, pop, "interop-wallet");
        var otherAudience = await Validator(provider, "https://other-as.example.jp").ValidateAsync(attestation, pop, "interop-wallet");
        var otherClient = await Validator(provider, AuthorizationServer).ValidateAsync(attestation, pop, "another-wallet");

        Assert.True(valid.IsValid, valid.Error?.ToString());
        Assert.Equal("interop-wallet", valid.Value.ClientId);
        Assert.Equal(
            Jwk.Read(JsonDocument.Parse(output["instanceJwk"]!.ToJsonString()).RootElement).Value.ComputeThumbprint(),
            valid.Value.InstanceKey.ComputeThumbprint());
        Assert.Equal(ClientAttestationErrors.InvalidSignature, untrusted.Error?.Code);
        Assert.Equal(ClientAttestationErrors.PopAudienceMismatch, otherAudience.Error?.Code);
        Assert.Equal(ClientAttestationErrors.ClientIdMismatch, otherClient.Error?.Code);
        // Their token request carries no client_id: the attestation authenticates the client (section 5.3).
        Assert.Null(output["body"]!["client_id"]);
    }

    // Our wallet provider's attestation (ClientAttestationIssuer) passes their verifyClientAttestationJwt, but their
    // server (0.4.6, built on an earlier draft of attestation-based client authentication) requires `iss` and `exp` in
    // the PoP, which the current draft dropped (section 5.1: aud, jti, iat, optional challenge). Our current-draft PoP,
    // and our PoP with the legacy `iss`, are refused; their schema failure even surfaces as server_error (HTTP 500)
    // rather than invalid_client. Theirs, not ours; pinned so an upgrade on their side is noticed.
    [Fact]
    public async Task OurClientAttestation_TheirServer_AcceptsAttestationButRefusesCurrentDraftPop()
    {
        using var provider = SigningKey.Create(JwsAlgorithm.Es256, "wallet-provider-1");
        using var instance = SigningKey.Create(JwsAlgorithm.Es256);
        var attestation = await new ClientAttestationIssuer(provider, new ClientAttestationIssuerOptions { Issuer = "https://wallet-provider.example.jp" })
            .IssueAsync("interop-wallet", instance.PublicJwk);
        var currentDraftPop = await ClientAttestationPop.CreateAsync(instance, AuthorizationServer, TimeProvider.System);
        var popWithIss = await ClientAttestationPop.CreateAsync(instance, AuthorizationServer, TimeProvider.System, clientId: "interop-wallet");

        var current = await RunAsync(VerifyAttestation(attestation, currentDraftPop, provider));
        var withIss = await RunAsync(VerifyAttestation(attestation, popWithIss, provider));

        Assert.True(current["attestationOk"]!.GetValue<bool>(), current.ToJsonString());
        Assert.False(current["ok"]!.GetValue<bool>());
        Assert.Equal("server_error", current["error"]!.GetValue<string>());
        Assert.Contains("iss", current["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(withIss["ok"]!.GetValue<bool>());
        Assert.Equal("server_error", withIss["error"]!.GetValue<string>());
        Assert.Contains("exp", withIss["cause"]!.GetValue<string>(), StringComparison.Ordinal);

        // The same PoP passes our validator, so the refusal is about the claims their draft requires.
        var ours = await Validator(provider, AuthorizationServer).ValidateAsync(attestation, currentDraftPop, "interop-wallet");
        Assert.True(ours.IsValid, ours.Error?.ToString());
    }

    // RFC 7636 section 4.6: the challenge their client pushes and the verifier it redeems pass our Pkce.VerifyS256; ours
    // pass their token-request PKCE check; a changed verifier fails on both sides (their invalid_grant).
    [Fact]
    public async Task Pkce_BothDirections_S256AgreesAndChangedVerifierFails()
    {
        var theirs = await RunAsync(new JsonObject
        {
            ["mode"] = "create-pkce", ["issuer"] = AuthorizationServer, ["tokenEndpoint"] = AuthorizationServer + "/token",
            ["authorizationEndpoint"] = AuthorizationServer + "/authorize",
        });
        Assert.Equal("S256", theirs["method"]!.GetValue<string>());
        Assert.True(Pkce.VerifyS256(theirs["verifier"]!.GetValue<string>(), theirs["challenge"]!.GetValue<string>()));
        Assert.False(Pkce.VerifyS256(theirs["verifier"]!.GetValue<string>() + "A", theirs["challenge"]!.GetValue<string>()));

        var verifier = Pkce.CreateVerifier();
        var challenge = Pkce.ComputeS256Challenge(verifier);
        var accepted = await RunAsync(new JsonObject { ["mode"] = "verify-pkce", ["verifier"] = verifier, ["challenge"] = challenge });
        var refused = await RunAsync(new JsonObject { ["mode"] = "verify-pkce", ["verifier"] = Pkce.CreateVerifier(), ["challenge"] = challenge });

        Assert.True(accepted["ok"]!.GetValue<bool>(), accepted.ToJsonString());
        Assert.False(refused["ok"]!.GetValue<bool>());
        Assert.Equal("invalid_grant", refused["error"]!.GetValue<string>());
    }

    private static ClientAttestationValidator Validator(SigningKey provider, string audience)
        => new(new InMemoryProtocolStateStore(), new ClientAttestationValidatorOptions { Audience = audience, TrustedProviderKeys = [provider.PublicJwk] });

    private static JsonObject VerifyAttestation(string attestation, string pop, SigningKey provider) => new()
    {
        ["mode"] = "verify-attestation", ["attestation"] = attestation, ["pop"] = pop,
        ["authorizationServer"] = AuthorizationServer, ["providerJwk"] = JsonNode.Parse(provider.PublicJwk.ToJson()),
    };

    internal static JsonNode PrivateJwk(SigningKey key) => JsonNode.Parse(key.ExportPrivateJwk().ToJson())!;

    private static async Task<JsonNode> RunAsync(JsonObject input)
        => JsonNode.Parse(await NodeRunner.Shared.RunAsync("oid4vc-oauth-proofs.mjs", input.ToJsonString()))!;
}
