using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.Protocols;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OAuth;

public sealed class ClientAttestationTests : IDisposable
{
    private const string Server = "https://issuer.example.jp/ipa";
    private const string ClientId = "https://wallet.example.jp";
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(s_now);
    private readonly SigningKey _provider = SigningKey.Create(JwsAlgorithm.Es256, "provider-1");
    private readonly SigningKey _instance = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly InMemoryProtocolStateStore _store = new();

    public void Dispose()
    {
        _provider.Dispose();
        _instance.Dispose();
    }

    private ClientAttestationValidator Validator(Func<ClientAttestationValidatorOptions, ClientAttestationValidatorOptions>? change = null)
    {
        var options = new ClientAttestationValidatorOptions { Audience = Server, TrustedProviderKeys = [_provider.PublicJwk], TimeProvider = _clock };
        return new ClientAttestationValidator(_store, change is null ? options : change(options));
    }

    private ValueTask<string> Attestation(string clientId = ClientId, TimeSpan? lifetime = null, ISigner? provider = null, Jwk? instanceKey = null)
        => new ClientAttestationIssuer(provider ?? _provider, new ClientAttestationIssuerOptions { Issuer = "https://provider.example.jp", Lifetime = lifetime ?? TimeSpan.FromHours(1), WalletName = "Sample Wallet", TimeProvider = _clock })
            .IssueAsync(clientId, instanceKey ?? _instance.PublicJwk);

    private ValueTask<string> Pop(string audience = Server, ISigner? signer = null, string? challenge = null, string? clientId = null)
        => ClientAttestationPop.CreateAsync(signer ?? _instance, audience, _clock, challenge, clientId);

    [Fact]
    public async Task Validate_AttestationAndPop_ReturnsClientProviderAndInstanceKey()
    {
        var result = await Validator().ValidateAsync(await Attestation(), await Pop(clientId: ClientId), ClientId);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(ClientId, result.Value.ClientId);
        Assert.Equal("https://provider.example.jp", result.Value.Issuer);
        Assert.Equal("Sample Wallet", result.Value.WalletName);
        Assert.Equal(_instance.PublicJwk.ComputeThumbprint(), result.Value.InstanceKey.ComputeThumbprint());
        Assert.Equal(_provider.PublicJwk.ComputeThumbprint(), result.Value.ProviderKey.ComputeThumbprint());
        Assert.Equal(s_now.AddHours(1), result.Value.ExpiresAt);
    }

    [Fact]
    public async Task Issue_WritesTypSubExpAndCnfJwk()
    {
        var jws = Jws.ReadCompact(await Attestation()).Value;
        var claims = jws.ParsePayload().Value;

        Assert.Equal(ClientAttestation.Type, jws.Type);
        Assert.Equal(ClientId, claims.GetProperty("sub").GetString());
        Assert.Equal(s_now.AddHours(1).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(_instance.PublicJwk.X, claims.GetProperty("cnf").GetProperty("jwk").GetProperty("x").GetString());
        Assert.False(claims.GetProperty("cnf").GetProperty("jwk").TryGetProperty("d", out _));
    }

    [Fact]
    public async Task CreatePop_WritesTypAudJtiIat_FreshJtiEachTime()
    {
        var first = Jws.ReadCompact(await Pop(challenge: "c-1")).Value;
        var second = Jws.ReadCompact(await Pop()).Value;
        var claims = first.ParsePayload().Value;

        Assert.Equal(ClientAttestation.PopType, first.Type);
        Assert.Equal(Server, claims.GetProperty("aud").GetString());
        Assert.Equal("c-1", claims.GetProperty("challenge").GetString());
        Assert.Equal(s_now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.NotEqual(claims.GetProperty("jti").GetString(), second.ParsePayload().Value.GetProperty("jti").GetString());
    }

    [Fact]
    public async Task Validate_NoAttestation_Missing()
    {
        var result = await Validator().ValidateAsync(null, await Pop());

        Assert.Equal(ClientAttestationErrors.Missing, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_NoPop_PopMissing()
    {
        var result = await Validator().ValidateAsync(await Attestation(), null);

        Assert.Equal(ClientAttestationErrors.PopMissing, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_AttestationSignedByUntrustedProvider_UntrustedProvider()
    {
        using var forger = SigningKey.Create(JwsAlgorithm.Es256, "forger");
        var result = await Validator().ValidateAsync(await Attestation(provider: forger), await Pop());

        Assert.Equal(ClientAttestationErrors.UntrustedProvider, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_ForgedWithTrustedKid_InvalidSignature()
    {
        using var forger = SigningKey.Create(JwsAlgorithm.Es256, "provider-1");
        var result = await Validator().ValidateAsync(await Attestation(provider: forger), await Pop());

        Assert.Equal(ClientAttestationErrors.InvalidSignature, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_AttestationPayloadTampered_InvalidSignature()
    {
        var parts = (await Attestation()).Split('.');
        var claims = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1])))!.AsObject();
        claims["sub"] = "https://evil.example";
        var tampered = parts[0] + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];

        var result = await Validator().ValidateAsync(tampered, await Pop());

        Assert.Equal(ClientAttestationErrors.InvalidSignature, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_ExpiredAttestation_Expired()
    {
        var attestation = await Attestation(lifetime: TimeSpan.FromMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(12));

        var result = await Validator().ValidateAsync(attestation, await Pop());

        Assert.Equal(ClientAttestationErrors.Expired, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_AttestationOlderThanMaxAge_Expired()
    {
        var attestation = await Attestation(lifetime: TimeSpan.FromDays(1));
        _clock.Advance(TimeSpan.FromHours(2));

        var result = await Validator(o => o with { MaxAttestationAge = TimeSpan.FromHours(1) }).ValidateAsync(attestation, await Pop());

        Assert.Equal(ClientAttestationErrors.Expired, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_PopSignedByAnotherKey_PopInvalidSignature()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var result = await Validator().ValidateAsync(await Attestation(), await Pop(signer: other));

        Assert.Equal(ClientAttestationErrors.PopInvalidSignature, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_PopForAnotherAudience_PopAudienceMismatch()
    {
        var result = await Validator().ValidateAsync(await Attestation(), await Pop(audience: "https://other-issuer.example.jp"));

        Assert.Equal(ClientAttestationErrors.PopAudienceMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_ReplayedPop_PopReplayed()
    {
        var attestation = await Attestation();
        var pop = await Pop();
        var validator = Validator();

        var first = await validator.ValidateAsync(attestation, pop);
        var second = await validator.ValidateAsync(attestation, pop);

        Assert.True(first.IsValid, first.Error?.ToString());
        Assert.Equal(ClientAttestationErrors.PopReplayed, second.Error!.Code);
    }

    [Fact]
    public async Task Validate_ReplayedPopAtAnotherServerInstanceSharingTheStore_PopReplayed()
    {
        var attestation = await Attestation();
        var pop = await Pop();

        Assert.True((await Validator().ValidateAsync(attestation, pop)).IsValid);
        var result = await Validator().ValidateAsync(attestation, pop);

        Assert.Equal(ClientAttestationErrors.PopReplayed, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_RequestClientIdIsNotSub_ClientIdMismatch()
    {
        var result = await Validator().ValidateAsync(await Attestation(), await Pop(), clientId: "https://other-wallet.example");

        Assert.Equal(ClientAttestationErrors.ClientIdMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_PopIssIsNotSub_ClientIdMismatch()
    {
        var result = await Validator().ValidateAsync(await Attestation(), await Pop(clientId: "https://other-wallet.example"));

        Assert.Equal(ClientAttestationErrors.ClientIdMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_StalePop_PopStale()
    {
        var attestation = await Attestation();
        var pop = await Pop();
        _clock.Advance(TimeSpan.FromMinutes(7));

        var result = await Validator().ValidateAsync(attestation, pop);

        Assert.Equal(ClientAttestationErrors.PopStale, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_PopFromTheFuture_PopStale()
    {
        var attestation = await Attestation();
        var pop = await ClientAttestationPop.CreateAsync(_instance, Server, new FakeTimeProvider(s_now.AddMinutes(5)));

        var result = await Validator().ValidateAsync(attestation, pop);

        Assert.Equal(ClientAttestationErrors.PopStale, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_ExpectedChallenge_MissingIsRefused_MatchingIsAccepted()
    {
        var attestation = await Attestation();
        var validator = Validator();

        var without = await validator.ValidateAsync(attestation, await Pop(), expectedChallenge: "ch-1");
        var with = await validator.ValidateAsync(attestation, await Pop(challenge: "ch-1"), expectedChallenge: "ch-1");

        Assert.Equal(ClientAttestationErrors.ChallengeMismatch, without.Error!.Code);
        Assert.True(with.IsValid, with.Error?.ToString());
        Assert.Equal("ch-1", with.Value.Challenge);
    }

    [Fact]
    public async Task Validate_PopTypedAsAttestation_PopMalformed()
    {
        var attestation = await Attestation();

        // The attestation itself in the PoP header: another typ, and not signed by the instance key.
        var result = await Validator().ValidateAsync(attestation, attestation);

        Assert.Equal(ClientAttestationErrors.PopMalformed, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_AttestationWithWrongTyp_InvalidType()
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"sub\":\"{ClientId}\",\"exp\":{s_now.AddHours(1).ToUnixTimeSeconds()},\"cnf\":{{\"jwk\":{_instance.PublicJwk.ToJson()}}}}}");
        var token = await JwsWriter.SignCompactAsync(_provider, payload, "jwt");

        var result = await Validator().ValidateAsync(token, await Pop());

        Assert.Equal(ClientAttestationErrors.InvalidType, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_AttestationWithoutExp_Malformed()
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"sub\":\"{ClientId}\",\"cnf\":{{\"jwk\":{_instance.PublicJwk.ToJson()}}}}}");
        var token = await JwsWriter.SignCompactAsync(_provider, payload, ClientAttestation.Type);

        var result = await Validator().ValidateAsync(token, await Pop());

        Assert.Equal(ClientAttestationErrors.Malformed, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_CnfWithPrivateKey_InvalidKey()
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"sub\":\"{ClientId}\",\"exp\":{s_now.AddHours(1).ToUnixTimeSeconds()},\"cnf\":{{\"jwk\":{_instance.ExportPrivateJwk().ToJson()}}}}}");
        var token = await JwsWriter.SignCompactAsync(_provider, payload, ClientAttestation.Type);

        var result = await Validator().ValidateAsync(token, await Pop());

        Assert.Equal(ClientAttestationErrors.InvalidKey, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_AlgorithmNotAllowed_AlgorithmNotAllowed()
    {
        using var es384 = SigningKey.Create(JwsAlgorithm.Es384, "provider-384");
        var validator = Validator(o => o with { TrustedProviderKeys = [es384.PublicJwk], AllowedAlgorithms = [JwsAlgorithm.Es256] });

        var result = await validator.ValidateAsync(await Attestation(provider: es384), await Pop());

        Assert.Equal(ClientAttestationErrors.AlgorithmNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task ValidateHeaders_CaseInsensitiveNames_Accepted_RepeatedHeader_Malformed()
    {
        var attestation = await Attestation();
        var ok = new Dictionary<string, IReadOnlyList<string>>
        {
            ["oauth-client-attestation"] = [attestation],
            ["OAUTH-CLIENT-ATTESTATION-POP"] = [await Pop()],
        };
        var repeated = new Dictionary<string, IReadOnlyList<string>>
        {
            [ClientAttestation.HeaderName] = [attestation, attestation],
            [ClientAttestation.PopHeaderName] = [await Pop()],
        };

        var accepted = await Validator().ValidateHeadersAsync(ok, ClientId);
        var refused = await Validator().ValidateHeadersAsync(repeated);

        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        Assert.Equal(ClientAttestationErrors.Malformed, refused.Error!.Code);
    }

    [Fact]
    public async Task Validate_X5cChainToTrustAnchor_Accepted_OtherRoot_UntrustedProvider()
    {
        using var pki = new AttestationTestPki("CN=Wallet Provider Root");
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = pki.IssueLeaf("CN=Wallet Provider", leafKey, s_now);
        using var signer = SigningKey.FromJwk(AttestationTestPki.PrivateJwk(leafKey), JwsAlgorithm.Es256);
        var attestation = await new ClientAttestationIssuer(signer, new ClientAttestationIssuerOptions { CertificateChain = [leaf], TimeProvider = _clock })
            .IssueAsync(ClientId, _instance.PublicJwk);

        using var otherPki = new AttestationTestPki("CN=Other Root");
        var trusted = await Validator(o => o with { TrustedProviderKeys = [], TrustAnchors = [pki.Root] }).ValidateAsync(attestation, await Pop());
        var untrusted = await Validator(o => o with { TrustedProviderKeys = [], TrustAnchors = [otherPki.Root] }).ValidateAsync(attestation, await Pop());

        Assert.True(trusted.IsValid, trusted.Error?.ToString());
        Assert.Equal(ClientAttestationErrors.UntrustedProvider, untrusted.Error!.Code);
    }

    [Fact]
    public void Constructor_NoTrust_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new ClientAttestationValidator(_store, new ClientAttestationValidatorOptions { Audience = Server }));
        Assert.Throws<InvalidOperationException>(() => new ClientAttestationValidator(_store, new ClientAttestationValidatorOptions { TrustedProviderKeys = [_provider.PublicJwk] }));
    }

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (s.Length % 4)) % 4);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
