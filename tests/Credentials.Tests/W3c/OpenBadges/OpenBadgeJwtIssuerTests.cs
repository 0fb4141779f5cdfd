using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.VcJose;
using Xunit;
using T = Credentials.Tests.W3c.OpenBadges.OpenBadgeJwtTestData;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>Open Badges 3.0 section 8.2.3 and 8.2.4: issuing the JWT form, and what the verifier makes of it.</summary>
public sealed class OpenBadgeJwtIssuerTests : IDisposable
{
    private readonly SigningKey _ed25519 = SigningKey.Create(JwsAlgorithm.EdDsa, T.KeyId);
    private readonly SigningKey _p256 = SigningKey.Create(JwsAlgorithm.Es256, T.KeyId);

    public void Dispose()
    {
        _ed25519.Dispose();
        _p256.Dispose();
    }

    private static OpenBadgeJwtVerifier Verifier(OpenBadgeJwtVerifierOptions? options = null)
        => new(new DidResolver([DidKeyResolver.Instance]), (options ?? OpenBadgeJwtVerifierOptions.Default) with { TimeProvider = TestClock.At(T.Now) });

    private static JsonObject Part(string token, int index) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();

    [Fact]
    public async Task IssueAsync_WithPublicKey_HeaderHasAlgTypKidAndJwkOnly()
    {
        var token = await new OpenBadgeJwtIssuer(_ed25519, new OpenBadgeJwtIssuerOptions { PublicKey = _ed25519.PublicJwk }).IssueAsync(T.Credential(T.Badge()));

        var header = Part(token, 0);
        Assert.Equal(["alg", "typ", "kid", "jwk"], [.. header.Select(p => p.Key)]);
        Assert.Equal("EdDSA", header["alg"]!.GetValue<string>());
        Assert.Equal("JWT", header["typ"]!.GetValue<string>());
        Assert.Null(header["jwk"]!["d"]);
    }

    [Fact]
    public async Task IssueAsync_Badge_PayloadIsCredentialPlusRegisteredClaims()
    {
        var badge = T.Badge();

        var token = await new OpenBadgeJwtIssuer(_p256).IssueAsync(T.Credential(badge));

        var payload = Part(token, 1);
        Assert.True(JsonNode.DeepEquals(T.Payload(badge), payload), payload.ToJsonString());
        Assert.Equal(T.KeyId, Part(token, 0)["kid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00.5Z", "1767225600.5")]
    [InlineData("2026-01-01T09:00:00+09:00", "1767225600")]
    public async Task IssueAsync_ValidFrom_NbfIsTheSameInstant(string validFrom, string nbf)
    {
        var token = await new OpenBadgeJwtIssuer(_p256).IssueAsync(T.Credential(T.Badge(validFrom: validFrom)));

        Assert.Equal(nbf, Part(token, 1)["nbf"]!.ToJsonString());
        var result = await Verifier(new OpenBadgeJwtVerifierOptions { IssuerKeys = new Dictionary<string, IReadOnlyList<Jwk>> { [T.IssuerId] = [_p256.PublicJwk] } }).VerifyAsync(token);
        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public async Task RoundTrip_HeaderKeyConfiguredForIssuer_ValidAndTrusted(string alg)
    {
        Assert.True(JwsAlgorithm.TryGet(alg, out var algorithm));
        using var key = SigningKey.Create(algorithm);
        var issuer = new OpenBadgeJwtIssuer(key, new OpenBadgeJwtIssuerOptions { PublicKey = key.PublicJwk });

        var result = await Verifier(new OpenBadgeJwtVerifierOptions { IssuerKeys = new Dictionary<string, IReadOnlyList<Jwk>> { [T.IssuerId] = [key.PublicJwk] } })
            .VerifyAsync(await issuer.IssueAsync(T.Credential(T.Badge())));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(alg, result.Value.Algorithm);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task RoundTrip_DidIssuerWithDidUrlKid_KeyBoundThroughDid()
    {
        var did = DidKey.Create(_ed25519);
        var signer = new KidSigner(_ed25519, did.Value + "#" + did.Value["did:key:".Length..]);
        var token = await new OpenBadgeJwtIssuer(signer).IssueAsync(T.Credential(T.Badge(issuer: did.Value)));

        var untrusted = await Verifier().VerifyAsync(token);
        var trusted = await Verifier(new OpenBadgeJwtVerifierOptions { TrustedIssuers = new HashSet<string> { did.Value } }).VerifyAsync(token);

        Assert.True(untrusted.IsValid, untrusted.Error?.ToString());
        Assert.Equal(CheckOutcome.NotChecked, untrusted.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.True(trusted.IsValid, trusted.Error?.ToString());
        Assert.Equal(CheckOutcome.Passed, trusted.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public void Constructor_NoKidAndNoPublicKey_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => new OpenBadgeJwtIssuer(key));
    }

    [Fact]
    public void Constructor_PrivateHeaderKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OpenBadgeJwtIssuer(_ed25519, new OpenBadgeJwtIssuerOptions { PublicKey = _ed25519.ExportPrivateJwk() }));
    }

    [Fact]
    public void Constructor_HeaderKeyOfAnotherAlgorithm_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OpenBadgeJwtIssuer(_ed25519, new OpenBadgeJwtIssuerOptions { PublicKey = _p256.PublicJwk }));
    }

    [Fact]
    public async Task IssueAsync_HeaderKeyNotTheSigners_ThrowsInvalidOperation()
    {
        using var other = SigningKey.Create(JwsAlgorithm.EdDsa);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await new OpenBadgeJwtIssuer(_ed25519, new OpenBadgeJwtIssuerOptions { PublicKey = other.PublicJwk }).IssueAsync(T.Credential(T.Badge())));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("validFrom")]
    public async Task IssueAsync_WithoutIdOrValidFrom_Throws(string member)
    {
        var badge = T.Badge();
        badge.Remove(member);

        await Assert.ThrowsAsync<ArgumentException>(async () => await new OpenBadgeJwtIssuer(_p256).IssueAsync(T.Credential(badge)));
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("exp")]
    [InlineData("vc")]
    public async Task IssueAsync_ReservedMember_Throws(string member)
    {
        var badge = T.Badge();
        badge[member] = "x";

        await Assert.ThrowsAsync<ArgumentException>(async () => await new OpenBadgeJwtIssuer(_p256, new OpenBadgeJwtIssuerOptions { Issuance = new W3cIssuanceOptions { ExtensionMembers = [member] } }).IssueAsync(T.Credential(badge)));
    }

    [Fact]
    public async Task VcJwtVerifier_OpenBadgeJwt_RefusedByType()
    {
        var token = await new OpenBadgeJwtIssuer(_p256).IssueAsync(T.Credential(T.Badge()));

        var result = await new VcJwtVerifier(new Credentials.Trust.StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(T.IssuerId, _p256.PublicJwk)]), new VcJwtVerifierOptions { TimeProvider = TestClock.At(T.Now) }).VerifyCredentialAsync(token);

        Assert.Equal(Credentials.Jose.JoseErrors.InvalidType, result.Error?.Code);
    }

    [Fact]
    public void JwsAlgorithm_RsaIsNoGenericAlgorithm()
    {
        Assert.False(JwsAlgorithm.TryGet("RS256", out _));
        Assert.DoesNotContain(JwsAlgorithm.All, a => a.KeyType == JwkKeyTypes.Rsa);
    }

    /// <summary>A signer that names its key with a given kid.</summary>
    private sealed class KidSigner(SigningKey key, string kid) : ISigner
    {
        public JwsAlgorithm Algorithm => key.Algorithm;

        public string? KeyId => kid;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, System.Threading.CancellationToken cancellationToken = default) => key.SignAsync(signingInput, cancellationToken);
    }
}
