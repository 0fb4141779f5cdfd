using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Pkcs11.Tests;

/// <summary>Issue → present → verify of SD-JWT VCs whose issuer key never leaves the token.</summary>
public sealed class SdJwtVcWithTokenKeyTests
{
    private const string IssuerId = "https://issuer.credentials.example.jp/ipa";
    private const string ExamVct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(s_now);

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public async Task IssuedWithTheTokenKey_PresentedWithKeyBinding_Verifies(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        var (_, token) = TokenFixture.OpenNew("sdjwt");
        using (token)
        using (var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa))
        {
            var signer = token.GenerateKeyPair(algorithm, "ipa-2026", [1], keyId: "ipa-2026");
            using var trust = new TrustList([new TrustedIssuer { Issuer = IssuerId, Keys = [signer.PublicJwk], CredentialTypes = [ExamVct] }]);
            var issuer = new SdJwtVcIssuer(signer, new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });

            var issued = await issuer.IssueAsync(Issuance(holderKey.PublicJwk));
            var presentation = await Present(issued, holderKey, "exam_name");
            var result = await Verifier(trust).VerifyAsync(presentation, Policy());

            Assert.True(result.IsValid, result.Error?.Code.Value);
            var header = System.Text.Json.JsonDocument.Parse(Base64UrlDecode(issued.IssuerSignedJwt.Split('.')[0]));
            Assert.Equal(name, header.RootElement.GetProperty("alg").GetString());
            Assert.Equal("ipa-2026", header.RootElement.GetProperty("kid").GetString());
        }
    }

    [Fact]
    public async Task ABatchIssuedInParallelWithTheTokenKey_EveryCredentialVerifies()
    {
        var (_, token) = TokenFixture.OpenNew("batch", maxSessions: 4);
        using (token)
        {
            var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "ipa-batch", [2], keyId: "ipa-batch");
            using var trust = new TrustList([new TrustedIssuer { Issuer = IssuerId, Keys = [signer.PublicJwk], CredentialTypes = [ExamVct] }]);
            var issuer = new SdJwtVcIssuer(signer, new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
            var holders = Enumerable.Range(0, 24).Select(_ => SigningKey.Create(JwsAlgorithm.Es256)).ToArray();
            try
            {
                var batch = await Task.WhenAll(holders.Select(h => Task.Run(async () => await issuer.IssueAsync(Issuance(h.PublicJwk)))));

                for (var i = 0; i < holders.Length; i++)
                {
                    var result = await Verifier(trust).VerifyAsync(await Present(batch[i], holders[i], "exam_name", "passed_on"), Policy());
                    Assert.True(result.IsValid, result.Error?.Code.Value);
                }
            }
            finally
            {
                foreach (var holder in holders)
                {
                    holder.Dispose();
                }
            }
        }
    }

    [Fact]
    public async Task ACredentialOfAnotherTokenKey_DoesNotVerify()
    {
        var (_, token) = TokenFixture.OpenNew("otherkey");
        using (token)
        using (var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa))
        {
            var trusted = token.GenerateKeyPair(JwsAlgorithm.Es256, "trusted", [1], keyId: "k");
            var other = token.GenerateKeyPair(JwsAlgorithm.Es256, "other", [2], keyId: "k");
            using var trust = new TrustList([new TrustedIssuer { Issuer = IssuerId, Keys = [trusted.PublicJwk], CredentialTypes = [ExamVct] }]);

            var issued = await new SdJwtVcIssuer(other, new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock }).IssueAsync(Issuance(holderKey.PublicJwk));
            var result = await Verifier(trust).VerifyAsync(await Present(issued, holderKey, "exam_name"), Policy());

            Assert.False(result.IsValid);
        }
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static SdJwtVcIssuance Issuance(Jwk holder) => new()
    {
        Vct = ExamVct,
        Claims = SdJwtPayload.Create().Claim("exam", "応用情報技術者試験").Disclosable("exam_name", "応用情報技術者試験").Disclosable("passed_on", "2026-06-19").Disclosable("family_name", "山田"),
        HolderKey = holder,
        ExpiresAt = s_now.AddYears(1),
    };

    private SdJwtVcVerifier Verifier(TrustList trust) => new(trust, options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireStatus = false });

    private static SdJwtVcPolicy Policy() => new() { KeyBinding = KeyBindingRequirement.Required(Audience, Nonce), Status = StatusCheck.Skip };

    private async Task<string> Present(SdJwtToken issued, SigningKey holderKey, params string[] claims)
    {
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = _clock });
        var presented = await holder.PresentAsync(issued, claims.Select(c => ClaimPath.Of(c)), new KeyBindingInput(Audience, Nonce), holderKey);
        return presented.Value.Serialize();
    }
}
