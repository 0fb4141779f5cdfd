using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OAuth;

public sealed class KeyAttestationTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(s_now);
    private readonly SigningKey _attester = SigningKey.Create(JwsAlgorithm.Es256, "attester-1");
    private readonly SigningKey _key1 = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _key2 = SigningKey.Create(JwsAlgorithm.Es256);

    public void Dispose()
    {
        _attester.Dispose();
        _key1.Dispose();
        _key2.Dispose();
    }

    private KeyAttestationPolicy Policy => new()
    {
        TrustedAttesterKeys = [_attester.PublicJwk],
        KeyStorage = KeyAttestation.LevelsAtLeast(KeyAttestation.Iso18045Moderate),
        UserAuthentication = KeyAttestation.LevelsAtLeast(KeyAttestation.Iso18045Moderate),
        TimeProvider = _clock,
    };

    private ValueTask<string> Attest(string storage = KeyAttestation.Iso18045High, ISigner? attester = null, TimeSpan? lifetime = null, string? nonce = "n-1", params Jwk[] keys)
        => new KeyAttestationIssuer(attester ?? _attester, new KeyAttestationIssuerOptions { Issuer = "https://provider.example.jp", Lifetime = lifetime ?? TimeSpan.FromHours(24), TimeProvider = _clock })
            .IssueAsync(new KeyAttestationRequest
            {
                AttestedKeys = keys.Length == 0 ? [_key1.PublicJwk, _key2.PublicJwk] : keys,
                KeyStorage = [storage],
                UserAuthentication = [KeyAttestation.Iso18045Moderate],
                Nonce = nonce,
                Certification = "https://cert.example.jp/wscd/1",
            });

    [Fact]
    public async Task Validate_AttestationWithAcceptedLevels_ReturnsAttestedKeys()
    {
        var result = new KeyAttestationValidator(Policy).Validate(await Attest(), requireExpiry: true, requireNonce: true);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, result.Value.AttestedKeys.Count);
        Assert.True(result.Value.Attests(_key1.PublicJwk));
        Assert.True(result.Value.Attests(_key2.PublicJwk));
        Assert.Equal([KeyAttestation.Iso18045High], result.Value.KeyStorage);
        Assert.Equal("n-1", result.Value.Nonce);
        Assert.Equal("https://provider.example.jp", result.Value.Issuer);
        Assert.Equal(s_now.AddHours(24), result.Value.ExpiresAt);
    }

    [Fact]
    public async Task Issue_WritesTypAndAppendixDClaims()
    {
        var jws = Jws.ReadCompact(await Attest()).Value;
        var claims = jws.ParsePayload().Value;

        Assert.Equal(KeyAttestation.Type, jws.Type);
        Assert.Equal(2, claims.GetProperty("attested_keys").GetArrayLength());
        Assert.Equal(KeyAttestation.Iso18045High, claims.GetProperty("key_storage")[0].GetString());
        Assert.Equal(s_now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.True(claims.TryGetProperty("exp", out _));
    }

    [Fact]
    public async Task Validate_StorageBelowPolicy_KeyStorageInsufficient()
    {
        var result = new KeyAttestationValidator(Policy).Validate(await Attest(storage: KeyAttestation.Iso18045Basic));

        Assert.Equal(KeyAttestationErrors.KeyStorageInsufficient, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_UserAuthenticationBelowPolicy_UserAuthenticationInsufficient()
    {
        var policy = Policy with { UserAuthentication = [KeyAttestation.Iso18045High] };

        var result = new KeyAttestationValidator(policy).Validate(await Attest());

        Assert.Equal(KeyAttestationErrors.UserAuthenticationInsufficient, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_UntrustedAttester_UntrustedAttester()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256, "someone-else");

        var result = new KeyAttestationValidator(Policy).Validate(await Attest(attester: other));

        Assert.Equal(KeyAttestationErrors.UntrustedAttester, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_Expired_Expired()
    {
        var attestation = await Attest(lifetime: TimeSpan.FromHours(1));
        _clock.Advance(TimeSpan.FromHours(2));

        var result = new KeyAttestationValidator(Policy).Validate(attestation);

        Assert.Equal(KeyAttestationErrors.Expired, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_NoNonceWhenRequired_NonceMissing()
    {
        var result = new KeyAttestationValidator(Policy).Validate(await Attest(nonce: null), requireNonce: true);

        Assert.Equal(KeyAttestationErrors.NonceMissing, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_NoExpWhenRequired_Malformed()
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"iat\":{s_now.ToUnixTimeSeconds()},\"attested_keys\":[{_key1.PublicJwk.ToJson()}]}}");
        var token = await JwsWriter.SignCompactAsync(_attester, payload, KeyAttestation.Type);

        var withoutExpiryRequirement = new KeyAttestationValidator(Policy with { KeyStorage = null, UserAuthentication = null }).Validate(token);
        var withExpiryRequirement = new KeyAttestationValidator(Policy with { KeyStorage = null, UserAuthentication = null }).Validate(token, requireExpiry: true);

        Assert.True(withoutExpiryRequirement.IsValid, withoutExpiryRequirement.Error?.ToString());
        Assert.Equal(KeyAttestationErrors.Malformed, withExpiryRequirement.Error!.Code);
    }

    [Fact]
    public async Task Validate_AttestedPrivateKey_InvalidAttestedKeys()
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"iat\":{s_now.ToUnixTimeSeconds()},\"attested_keys\":[{_key1.ExportPrivateJwk().ToJson()}]}}");
        var token = await JwsWriter.SignCompactAsync(_attester, payload, KeyAttestation.Type);

        var result = new KeyAttestationValidator(Policy with { KeyStorage = null, UserAuthentication = null }).Validate(token);

        Assert.Equal(KeyAttestationErrors.InvalidAttestedKeys, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_TooManyAttestedKeys_InvalidAttestedKeys()
    {
        var result = new KeyAttestationValidator(Policy with { MaxAttestedKeys = 1 }).Validate(await Attest());

        Assert.Equal(KeyAttestationErrors.InvalidAttestedKeys, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_WrongTyp_InvalidType()
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"iat\":{s_now.ToUnixTimeSeconds()},\"attested_keys\":[{_key1.PublicJwk.ToJson()}]}}");
        var token = await JwsWriter.SignCompactAsync(_attester, payload, "jwt");

        var result = new KeyAttestationValidator(Policy).Validate(token);

        Assert.Equal(KeyAttestationErrors.InvalidType, result.Error!.Code);
    }

    [Fact]
    public async Task Validate_X5cChainToAnchor_Accepted()
    {
        using var pki = new AttestationTestPki("CN=Key Attester Root");
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = pki.IssueLeaf("CN=WSCD attester", leafKey, s_now);
        using var signer = SigningKey.FromJwk(AttestationTestPki.PrivateJwk(leafKey), JwsAlgorithm.Es256);
        var attestation = await new KeyAttestationIssuer(signer, new KeyAttestationIssuerOptions { CertificateChain = [leaf], TimeProvider = _clock })
            .IssueAsync(new KeyAttestationRequest { AttestedKeys = [_key1.PublicJwk], KeyStorage = [KeyAttestation.Iso18045High], UserAuthentication = [KeyAttestation.Iso18045High] });

        var result = new KeyAttestationValidator(Policy with { TrustedAttesterKeys = [], TrustAnchors = [pki.Root] }).Validate(attestation);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public void LevelsAtLeast_Moderate_IsHighAndModerate()
    {
        Assert.Equal([KeyAttestation.Iso18045High, KeyAttestation.Iso18045Moderate], KeyAttestation.LevelsAtLeast(KeyAttestation.Iso18045Moderate));
        Assert.Equal(4, KeyAttestation.LevelsAtLeast(KeyAttestation.Iso18045Basic).Count);
        Assert.Throws<ArgumentException>(() => KeyAttestation.LevelsAtLeast("iso_18045_extreme"));
    }

    [Fact]
    public async Task JwtProof_WithKeyAttestationHeader_CarriesAttestationAndJwk()
    {
        var attestation = await Attest();
        var proof = await JwtKeyProof.CreateWithKeyAttestationAsync(_key1, _key1.PublicJwk, attestation, "https://issuer.example.jp", "n-1", s_now);
        var jws = Jws.ReadCompact(proof).Value;

        Assert.Equal(attestation, jws.Header.GetProperty("key_attestation").GetString());
        Assert.Equal(_key1.PublicJwk.X, jws.Header.GetProperty("jwk").GetProperty("x").GetString());
    }
}
