using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.SdJwt.Verification.SdJwtTestKit;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>RFC 9901 sections 4.3 and 7.3: the verifier's key-binding policy and the KB-JWT checks.</summary>
public sealed class SdJwtVerifierKeyBindingTests
{
    private static readonly KeyBindingRequirement s_required = KeyBindingRequirement.Required(Audience, Nonce);

    public static TheoryData<string, string> AlgorithmPairs => new()
    {
        { "ES256", "EdDSA" },
        { "EdDSA", "ES256" },
        { "ES384", "Ed25519" },
        { "EdDSA", "ES384" },
    };

    [Theory]
    [MemberData(nameof(AlgorithmPairs))]
    public async Task Verify_HolderKeyAlgorithmIndependentOfIssuer_Succeeds(string issuerAlg, string holderAlg)
    {
        JwsAlgorithm.TryGet(issuerAlg, out var ia);
        JwsAlgorithm.TryGet(holderAlg, out var ha);
        using var kit = new SdJwtTestKit(ia, ha);
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), s_required);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(kit.HolderKey.PublicJwk, result.Value.KeyBinding!.HolderKey);
        Assert.Equal(Audience, result.Value.KeyBinding.Audience);
        Assert.Equal(Nonce, result.Value.KeyBinding.Nonce);
        Assert.Equal(Now, result.Value.KeyBinding.IssuedAt);
    }

    [Fact]
    public async Task Verify_RequiredButStripped_FailsWithMissing()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt, s_required);

        AssertKbError(result, KeyBindingErrors.Missing);
    }

    [Fact]
    public async Task Verify_RequiredAndCredentialHasNoCnf_FailsWithMissing()
    {
        using var kit = new SdJwtTestKit();
        var issuer = new SdJwtIssuer(kit.IssuerKey, options: new SdJwtIssuerOptions());
        var sdJwt = (await issuer.IssueAsync(SdJwtPayload.Create().Disclosable("a", 1))).Serialize();

        var result = await kit.VerifyAsync(sdJwt, s_required);

        AssertKbError(result, KeyBindingErrors.Missing);
    }

    [Fact]
    public async Task Verify_KbJwtPresentWhenForbidden_FailsWithUnexpected()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), KeyBindingRequirement.Forbidden);

        AssertKbError(result, KeyBindingErrors.Unexpected);
    }

    [Fact]
    public async Task Verify_OptionalWithoutKbJwt_SucceedsWithoutKeyBinding()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt, KeyBindingRequirement.Optional(Audience, Nonce));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Null(result.Value.KeyBinding);
    }

    [Fact]
    public async Task Verify_OptionalWithInvalidKbJwt_IsStillChecked()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, nonce: "other"), KeyBindingRequirement.Optional(Audience, Nonce));

        AssertKbError(result, KeyBindingErrors.NonceMismatch);
    }

    [Fact]
    public async Task Verify_SdHashOverAnotherPresentation_FailsWithSdHashMismatch()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var fewer = sdJwt[..(sdJwt.IndexOf('~', StringComparison.Ordinal) + 1)];

        // A KB-JWT made for a presentation with no disclosures, reattached to one with all of them.
        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(fewer), s_required);

        AssertKbError(result, KeyBindingErrors.SdHashMismatch);
    }

    [Fact]
    public async Task Verify_SdHashWithoutTheFinalTilde_FailsWithSdHashMismatch()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, sdHash: SdHashAlgorithm.Sha256.ComputeDigest(sdJwt.AsSpan(0, sdJwt.Length - 1))), s_required);

        AssertKbError(result, KeyBindingErrors.SdHashMismatch);
    }

    [Fact]
    public async Task Verify_SdHashWithAnotherHashAlgorithm_FailsWithSdHashMismatch()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, sdHash: SdHashAlgorithm.Sha384.ComputeDigest(sdJwt)), s_required);

        AssertKbError(result, KeyBindingErrors.SdHashMismatch);
    }

    [Fact]
    public async Task Verify_DisclosureRemovedAfterKeyBinding_FailsWithSdHashMismatch()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var kb = kit.KeyBindingJwt(sdJwt);
        var parts = sdJwt.Split('~');
        var withoutOne = string.Join("~", parts[0], parts[2]) + "~";

        var result = await kit.VerifyAsync(withoutOne + kb, s_required);

        AssertKbError(result, KeyBindingErrors.SdHashMismatch);
    }

    [Theory]
    [InlineData("\"https://other.example\"")]
    [InlineData("\"https://verifier.example/\"")]
    [InlineData("[\"https://verifier.example\",\"https://other.example\"]")]
    [InlineData("[\"https://other.example\"]")]
    public async Task Verify_WrongAudience_FailsWithAudienceMismatch(string audienceJson)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, audienceJson: audienceJson), s_required);

        AssertKbError(result, KeyBindingErrors.AudienceMismatch);
    }

    [Fact]
    public async Task Verify_WrongNonce_FailsWithNonceMismatch()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, nonce: "n-0S6_WzA2Mk"), s_required);

        AssertKbError(result, KeyBindingErrors.NonceMismatch);
    }

    [Fact]
    public async Task Verify_NonceCheckRefusingReplay_FailsOnSecondUse()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var presentation = sdJwt + kit.KeyBindingJwt(sdJwt);
        var issuedNonces = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal) { [Nonce] = true };
        var requirement = KeyBindingRequirement.Required(Audience, (nonce, _) => ValueTask.FromResult(issuedNonces.TryRemove(nonce, out var _)));

        var first = await kit.VerifyAsync(presentation, requirement);
        var replay = await kit.VerifyAsync(presentation, requirement);

        Assert.True(first.IsValid, first.Error?.ToString());
        AssertKbError(replay, KeyBindingErrors.NonceMismatch);
    }

    [Fact]
    public async Task Verify_NonceCheck_IsNotConsultedWhenAnEarlierCheckFails()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var calls = 0;
        var requirement = KeyBindingRequirement.Required(Audience, (_, _) =>
        {
            calls++;
            return ValueTask.FromResult(true);
        });

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, audienceJson: "\"https://other.example\""), requirement);

        AssertKbError(result, KeyBindingErrors.AudienceMismatch);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Verify_KbIatBeyondSkewInFuture_FailsWithIatInFuture()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var skew = (long)kit.Options().ClockSkew.TotalSeconds;

        var atSkew = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, iat: kit.NowSeconds + skew), s_required);
        var beyond = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, iat: kit.NowSeconds + skew + 1), s_required);

        Assert.True(atSkew.IsValid, atSkew.Error?.ToString());
        AssertKbError(beyond, KeyBindingErrors.IssuedInFuture);
    }

    [Fact]
    public async Task Verify_KbIatOlderThanMaxAgePlusSkew_FailsWithIatTooOld()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var options = kit.Options();
        var oldest = kit.NowSeconds - (long)(options.KeyBindingMaxAge + options.ClockSkew).TotalSeconds;

        var atLimit = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, iat: oldest), s_required);
        var tooOld = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, iat: oldest - 1), s_required);

        Assert.True(atLimit.IsValid, atLimit.Error?.ToString());
        AssertKbError(tooOld, KeyBindingErrors.TooOld);
    }

    [Fact]
    public async Task Verify_KbSignedByKeyOtherThanCnf_FailsWithInvalidSignature()
    {
        using var kit = new SdJwtTestKit();
        using var stranger = SigningKey.Create(JwsAlgorithm.EdDsa);
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, key: stranger), s_required);

        AssertKbError(result, KeyBindingErrors.InvalidSignature);
        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Inner!.Code);
    }

    [Fact]
    public async Task Verify_KbSignedByIssuerKey_FailsWithInvalidSignature()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, key: kit.IssuerKey), s_required);

        AssertKbError(result, KeyBindingErrors.InvalidSignature);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("KB+JWT")]
    [InlineData("application/kb+jwt")]
    [InlineData(null)]
    public async Task Verify_KbTypNotKbJwt_FailsWithInvalidType(string? type)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, type: type), s_required);

        AssertKbError(result, KeyBindingErrors.InvalidType);
    }

    [Fact]
    public async Task Verify_KbJwtButNoCnf_FailsWithNoHolderKey()
    {
        using var kit = new SdJwtTestKit();
        var issuer = new SdJwtIssuer(kit.IssuerKey, options: new SdJwtIssuerOptions());
        var sdJwt = (await issuer.IssueAsync(SdJwtPayload.Create().Disclosable("a", 1))).Serialize();

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), s_required);

        AssertKbError(result, KeyBindingErrors.NoHolderKey);
    }

    [Theory]
    [InlineData("{\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\"}}")]
    [InlineData("{\"jwk\":\"not a key\"}")]
    [InlineData("{\"jkt\":\"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\"}")]
    [InlineData("\"cnf\"")]
    public async Task Verify_CnfWithoutUsableJwk_FailsWithNoHolderKey(string cnf)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = kit.Compact("{\"iss\":\"https://issuer.example\",\"cnf\":" + cnf + "}");

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), s_required);

        AssertKbError(result, KeyBindingErrors.NoHolderKey);
    }

    [Fact]
    public async Task Verify_KbAlgorithmNotAllowed_FailsWithAlgorithmNotAllowed()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256, JwsAlgorithm.EdDsa);
        var sdJwt = await IssueAsync(kit);
        var options = kit.Options() with { AllowedKeyBindingAlgorithms = [JwsAlgorithm.Es256] };

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), s_required, options);

        AssertKbError(result, KeyBindingErrors.AlgorithmNotAllowed);
        Assert.Equal(JoseErrors.AlgorithmNotAllowed, result.Error!.Inner!.Code);
    }

    [Fact]
    public async Task Verify_KbSignedWithKeyOfAnotherCurveThanCnf_FailsWithAlgorithmNotAllowed()
    {
        using var kit = new SdJwtTestKit();
        using var p256 = SigningKey.Create(JwsAlgorithm.Es256);
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, key: p256), s_required);

        AssertKbError(result, KeyBindingErrors.AlgorithmNotAllowed);
        Assert.Equal(JoseErrors.KeyAlgorithmMismatch, result.Error!.Inner!.Code);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public async Task Verify_KbAlgNoneOrHmac_FailsAsMalformedWithJoseCause(string alg)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var kb = Encode("{\"alg\":\"" + alg + "\",\"typ\":\"kb+jwt\"}") + "."
            + Encode("{\"nonce\":\"" + Nonce + "\",\"aud\":\"" + Audience + "\",\"iat\":" + kit.NowSeconds + ",\"sd_hash\":\"" + SdHashAlgorithm.Sha256.ComputeDigest(sdJwt) + "\"}")
            + ".AAAA";

        var result = await kit.VerifyAsync(sdJwt + kb, s_required);

        AssertKbError(result, KeyBindingErrors.Malformed);
        Assert.Equal(JoseErrors.UnsupportedAlgorithm, result.Error!.Inner!.Code);
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public async Task Verify_KbMissingRequiredClaim_FailsWithMalformed(bool withNonce, bool withAud, bool withSdHash)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var members = new System.Collections.Generic.List<string> { "\"iat\":" + kit.NowSeconds };
        if (withNonce)
        {
            members.Add("\"nonce\":\"" + Nonce + "\"");
        }

        if (withAud)
        {
            members.Add("\"aud\":\"" + Audience + "\"");
        }

        if (withSdHash)
        {
            members.Add("\"sd_hash\":\"" + SdHashAlgorithm.Sha256.ComputeDigest(sdJwt) + "\"");
        }

        var kb = JwsWriter.SignCompact(kit.HolderKey, System.Text.Encoding.UTF8.GetBytes("{" + string.Join(",", members) + "}"), "kb+jwt");

        var result = await kit.VerifyAsync(sdJwt + kb, s_required);

        AssertKbError(result, KeyBindingErrors.Malformed);
    }

    [Fact]
    public async Task Verify_KbNonceNotAString_FailsWithMalformed()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var payload = "{\"nonce\":1234567890,\"aud\":\"" + Audience + "\",\"iat\":" + kit.NowSeconds + ",\"sd_hash\":\"" + SdHashAlgorithm.Sha256.ComputeDigest(sdJwt) + "\"}";
        var kb = JwsWriter.SignCompact(kit.HolderKey, System.Text.Encoding.UTF8.GetBytes(payload), "kb+jwt");

        var result = await kit.VerifyAsync(sdJwt + kb, s_required);

        AssertKbError(result, KeyBindingErrors.Malformed);
    }

    [Fact]
    public async Task Verify_KbJwtThatIsNotAJws_FailsWithMalformed()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + "not-a-jwt", s_required);

        AssertKbError(result, KeyBindingErrors.Malformed);
    }

    [Fact]
    public void Required_EmptyAudienceOrNonce_Throws()
    {
        Assert.Throws<ArgumentException>(() => KeyBindingRequirement.Required(string.Empty, Nonce));
        Assert.Throws<ArgumentException>(() => KeyBindingRequirement.Required(Audience, string.Empty));
        Assert.Throws<ArgumentNullException>(() => KeyBindingRequirement.Required(Audience, (Func<string, System.Threading.CancellationToken, ValueTask<bool>>)null!));
    }

    private static async Task<string> IssueAsync(SdJwtTestKit kit)
    {
        var issuer = new SdJwtIssuer(kit.IssuerKey, options: new SdJwtIssuerOptions { Type = "example+sd-jwt" });
        var payload = SdJwtPayload.Create()
            .Claim("iss", "https://issuer.example")
            .Claim("iat", kit.NowSeconds)
            .Disclosable("given_name", "太郎")
            .Disclosable("family_name", "山田");
        return (await issuer.IssueAsync(payload, kit.HolderKey.PublicJwk)).Serialize();
    }

    private static void AssertKbError(VerificationResult<VerifiedSdJwt> result, ErrorCode code)
    {
        Assert.False(result.IsValid, "expected " + code);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(VerificationFailureKind.KeyBindingFailed, result.Error.Kind);
    }
}
