using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.SdJwtVc;

public sealed class SdJwtVcVerifierTests : IDisposable
{
    private const string IssuerId = "https://issuer.credentials.example.jp/ipa";
    private const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    private const string ExamVct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string StatusUri = "https://issuer.credentials.example.jp/status/1";
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "ipa-1");
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly FakeTimeProvider _clock = new(s_now);
    private readonly TrustList _trust;

    public SdJwtVcVerifierTests()
    {
        _trust = new TrustList([new TrustedIssuer { Issuer = IssuerId, Keys = [_issuerKey.PublicJwk], CredentialTypes = [AgeVct] }]);
    }

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
        _trust.Dispose();
    }

    [Fact]
    public async Task Verify_ValidAgePresentation_ReportsEveryCheck()
    {
        var presentation = await Present(await Issue(AgeVct), "age_over_20");

        var result = await Verifier().VerifyAsync(presentation, Policy());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(AgeVct, result.Value.Vct);
        Assert.True(result.Value.Claims.GetProperty("age_over_20").GetBoolean());
        Assert.False(result.Value.Claims.TryGetProperty("birth_date", out _));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.Signature));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.KeyBinding));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(CheckKind.Status));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(CheckKind.TypeMetadata));
    }

    [Fact]
    public async Task Verify_UntrustedIssuer_FailsWithTrustUntrustedIssuer()
    {
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        var issuer = new SdJwtVcIssuer(otherKey, options: new SdJwtVcIssuerOptions { Issuer = "https://evil.example", TimeProvider = _clock });
        var issued = await issuer.IssueAsync(Age(AgeVct));

        var result = await Verifier().VerifyAsync(await Present(issued, "age_over_20"), Policy());

        Assert.Equal(TrustErrors.UntrustedIssuer, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.NotReached, result.OutcomeOf(CheckKind.Signature));
    }

    [Fact]
    public async Task Verify_IssuerNotAllowedThatVct_FailsWithVctNotAllowed()
    {
        var result = await Verifier().VerifyAsync(await Present(await Issue(ExamVct), "age_over_20"), Policy() with { IssuerAuthorization = _trust });

        Assert.Equal(TrustErrors.VctNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_VctNotAccepted_FailsWithVctNotAccepted()
    {
        var result = await Verifier().VerifyAsync(await Present(await Issue(AgeVct), "age_over_20"), Policy() with { AcceptedVcts = [ExamVct] });

        Assert.Equal(SdJwtVcErrors.VctNotAccepted, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_ExpiredWithoutKeyBinding_FailsWithSdJwtExpired()
    {
        var issued = await Issue(AgeVct);
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = _clock });
        var presentation = holder.Select(issued, [ClaimPath.Of("age_over_20")]).Value.Serialize();
        _clock.SetUtcNow(s_now.AddYears(2));

        var result = await Verifier().VerifyAsync(presentation, Policy(KeyBindingRequirement.Forbidden));

        Assert.Equal(SdJwtErrors.Expired, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.Time));
    }

    [Fact]
    public async Task Verify_RegisteredClaimInsideDisclosure_FailsWithForbiddenDisclosure()
    {
        // A non-conforming issuer hides exp in a disclosure; we build it with the plain SD-JWT issuer.
        var plain = new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = SdJwtVcClaimNames.MediaType });
        var issued = await plain.IssueAsync(
            SdJwtPayload.Create().Claim("iss", IssuerId).Claim("vct", AgeVct).Disclosable("exp", s_now.AddDays(1).ToUnixTimeSeconds()).Disclosable("age_over_20", true),
            _holderKey.PublicJwk);

        var result = await Verifier().VerifyAsync(await Present(issued, "age_over_20", "exp"), Policy());

        Assert.Equal(SdJwtErrors.ForbiddenDisclosure, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.Disclosures));
    }

    [Fact]
    public async Task Verify_WrongTyp_FailsWithInvalidType()
    {
        var plain = new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = "example+sd-jwt" });
        var issued = await plain.IssueAsync(SdJwtPayload.Create().Claim("iss", IssuerId).Claim("vct", AgeVct).Disclosable("age_over_20", true), _holderKey.PublicJwk);

        var result = await Verifier().VerifyAsync(await Present(issued, "age_over_20"), Policy());

        Assert.Equal(JoseErrors.InvalidType, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_LegacyTyp_IsRefusedByDefaultAndAcceptedOnlyWhenOptedIn()
    {
        var plain = new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = SdJwtVcClaimNames.LegacyMediaType });
        var issued = await plain.IssueAsync(SdJwtPayload.Create().Claim("iss", IssuerId).Claim("vct", AgeVct).Claim("exp", s_now.AddDays(30).ToUnixTimeSeconds()).Disclosable("age_over_20", true), _holderKey.PublicJwk);
        var presentation = await Present(issued, "age_over_20");

        var byDefault = new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireStatus = false });
        Assert.Equal(JoseErrors.InvalidType, (await byDefault.VerifyAsync(presentation, Policy())).Error!.Code);
        var optedIn = new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireStatus = false, AcceptLegacyType = true });
        var accepted = await optedIn.VerifyAsync(presentation, Policy());
        Assert.True(accepted.IsValid, accepted.Error?.ToString());
    }

    [Fact]
    public async Task Verify_MissingVct_FailsWithMissingVct()
    {
        var plain = new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = SdJwtVcClaimNames.MediaType });
        var issued = await plain.IssueAsync(SdJwtPayload.Create().Claim("iss", IssuerId).Disclosable("age_over_20", true), _holderKey.PublicJwk);

        var result = await LenientVerifier().VerifyAsync(await Present(issued, "age_over_20"), Policy());

        Assert.Equal(SdJwtVcErrors.MissingVct, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_TooOld_FailsWithTooOld()
    {
        var issued = await Issue(AgeVct);
        _clock.SetUtcNow(s_now.AddDays(40));

        var result = await Verifier().VerifyAsync(await Present(issued, "age_over_20"), Policy() with { MaxCredentialAge = TimeSpan.FromDays(30) });

        Assert.Equal(SdJwtVcErrors.TooOld, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_KeyBindingStripped_FailsWithKbMissing()
    {
        var issued = await Issue(AgeVct);

        var result = await Verifier().VerifyAsync(issued.Serialize(), Policy());

        Assert.Equal(KeyBindingErrors.Missing, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.KeyBinding));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.Disclosures));
    }

    [Fact]
    public void Issue_RegisteredClaimInClaims_Throws()
    {
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId });

        Assert.Throws<ArgumentException>(() => issuer.IssueAsync(new SdJwtVcIssuance { Vct = AgeVct, Claims = SdJwtPayload.Create().Disclosable("exp", 1) }).AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Issue_WritesRegisteredClaimsInPlaintext()
    {
        var issued = await Issue(AgeVct);
        var payload = Jws.ReadCompact(issued.IssuerSignedJwt).Value.ParsePayload().Value;

        Assert.Equal("dc+sd-jwt", Jws.ReadCompact(issued.IssuerSignedJwt).Value.Type);
        foreach (var name in new[] { "iss", "iat", "exp", "vct", "cnf", "status" })
        {
            Assert.True(payload.TryGetProperty(name, out _), name);
        }

        Assert.DoesNotContain(issued.Disclosures, d => SdJwtVcClaimNames.NeverDisclosable.Contains(d.ClaimName!));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "status.revoked")]
    [InlineData(2, "status.suspended")]
    [InlineData(3, "status.unknown_value")]
    public async Task Verify_StatusFromList_MapsToCodes(byte value, string? expectedCode)
    {
        var presentation = await Present(await Issue(AgeVct), "age_over_20");
        var status = await StatusResolver(42, value);

        var result = await new SdJwtVcVerifier(_trust, status, options: new SdJwtVcVerifierOptions { TimeProvider = _clock })
            .VerifyAsync(presentation, Policy() with { Status = StatusCheck.Required });

        Assert.Equal(expectedCode, result.Error?.Code.Value);
        Assert.Equal(expectedCode is null ? CheckOutcome.Passed : CheckOutcome.Failed, result.OutcomeOf(CheckKind.Status));
        if (expectedCode is null)
        {
            Assert.Equal(StatusValue.Valid, result.Value!.Status);
        }
    }

    [Fact]
    public async Task Verify_StatusRequiredButAbsent_FailsWithStatusRequired()
    {
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
        var issued = await issuer.IssueAsync(Age(AgeVct) with { Status = null });
        var status = await StatusResolver(42, 0);

        var result = await new SdJwtVcVerifier(_trust, status, options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireStatus = false })
            .VerifyAsync(await Present(issued, "age_over_20"), Policy() with { Status = StatusCheck.Required });

        Assert.Equal(SdJwtVcErrors.StatusRequired, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_NoStatusWithRequireStatus_FailsWithMissingRequiredClaim()
    {
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
        var issued = await issuer.IssueAsync(Age(AgeVct) with { Status = null });
        var verifier = new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireStatus = true });

        var result = await verifier.VerifyAsync(await Present(issued, "age_over_20"), Policy());

        Assert.Equal(SdJwtErrors.MissingRequiredClaim, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.Status));
    }

    [Fact]
    public async Task Verify_NoStatusWithDefaultOptions_Passes()
    {
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
        var issued = await issuer.IssueAsync(Age(AgeVct) with { Status = null });

        var result = await Verifier().VerifyAsync(await Present(issued, "age_over_20"), Policy());

        Assert.True(result.IsValid, result.Error?.Code.Value);
        Assert.False(new SdJwtVcVerifierOptions().RequireStatus);
        Assert.True(new SdJwtVcVerifierOptions().RequireExpirationTime);
        Assert.True(new SdJwtVcVerifierOptions().RequireConfirmationKey);
    }

    [Fact]
    public void Verify_StatusPolicyWithoutResolver_ThrowsProgrammerError()
        => Assert.Throws<ArgumentException>(() => Verifier().VerifyAsync("x~", Policy() with { Status = StatusCheck.IfPresent }).AsTask().GetAwaiter().GetResult());

    [Fact]
    public async Task Verify_MatchingVctIntegrity_PassesTypeMetadataWithLabels()
    {
        var document = MetadataDocument();
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
        var issued = await issuer.IssueAsync(Age(AgeVct) with { VctIntegrity = SubresourceIntegrity.Compute(document) });
        var registry = new LocalTypeMetadataRegistry([new KeyValuePair<string, ReadOnlyMemory<byte>>(AgeVct, document)]);

        var result = await new SdJwtVcVerifier(_trust, typeMetadata: registry, options: new SdJwtVcVerifierOptions { TimeProvider = _clock })
            .VerifyAsync(await Present(issued, "age_over_20"), Policy() with { TypeMetadata = TypeMetadataCheck.Required });

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.TypeMetadata));
        Assert.Equal("20歳以上", result.Value.TypeMetadata!.GetClaimLabel(ClaimPath.Of("age_over_20"), "ja-JP"));
        Assert.Equal("Age 20 or over", result.Value.TypeMetadata!.GetClaimLabel(ClaimPath.Of("age_over_20"), "en-US"));
    }

    [Fact]
    public async Task Verify_WrongVctIntegrity_FailsWithIntegrityMismatch()
    {
        var document = MetadataDocument();
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
        var issued = await issuer.IssueAsync(Age(AgeVct) with { VctIntegrity = SubresourceIntegrity.Compute("{}"u8) });
        var registry = new LocalTypeMetadataRegistry([new KeyValuePair<string, ReadOnlyMemory<byte>>(AgeVct, document)]);

        // Even when metadata is optional, a mismatch is a failure (only unreachable metadata is tolerated).
        var result = await new SdJwtVcVerifier(_trust, typeMetadata: registry, options: new SdJwtVcVerifierOptions { TimeProvider = _clock })
            .VerifyAsync(await Present(issued, "age_over_20"), Policy());

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.TypeMetadata));
    }

    [Fact]
    public async Task Verify_MetadataUnavailableAndOptional_VerifiesWithTypeMetadataNotChecked()
    {
        var registry = new LocalTypeMetadataRegistry([]);

        var result = await new SdJwtVcVerifier(_trust, typeMetadata: registry, options: new SdJwtVcVerifierOptions { TimeProvider = _clock })
            .VerifyAsync(await Present(await Issue(AgeVct), "age_over_20"), Policy());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(CheckKind.TypeMetadata));
    }

    [Fact]
    public async Task Verify_MetadataUnavailableAndRequired_Fails()
    {
        var registry = new LocalTypeMetadataRegistry([]);

        var result = await new SdJwtVcVerifier(_trust, typeMetadata: registry, options: new SdJwtVcVerifierOptions { TimeProvider = _clock })
            .VerifyAsync(await Present(await Issue(AgeVct), "age_over_20"), Policy() with { TypeMetadata = TypeMetadataCheck.Required });

        Assert.False(result.IsValid);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.TypeMetadata));
        Assert.Equal(SdJwtVcErrors.TypeMetadataRequired, result.Error.Code);
        Assert.Equal(VerificationFailureKind.ResolutionFailed, result.Error.Inner!.Kind);
    }

    private static byte[] MetadataDocument() => System.Text.Encoding.UTF8.GetBytes(
        "{\"vct\":\"" + AgeVct + "\",\"name\":\"Age\",\"display\":[{\"locale\":\"ja-JP\",\"name\":\"年齢確認\"},{\"locale\":\"en-US\",\"name\":\"Age verification\"}],"
        + "\"claims\":[{\"path\":[\"age_over_20\"],\"display\":[{\"locale\":\"ja-JP\",\"label\":\"20歳以上\"},{\"locale\":\"en-US\",\"label\":\"Age 20 or over\"}],\"sd\":\"always\"}]}");

    private async Task<OfflineStatusListResolver> StatusResolver(long index, byte value)
    {
        using var listKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var builder = new StatusListBuilder(2, 1024).Set(index, new StatusValue(value));
        var token = await new StatusListTokenIssuer(listKey, new StatusListTokenIssuerOptions { TimeProvider = _clock }).IssueAsync(StatusUri, builder);
        var resolver = new OfflineStatusListResolver(new StatusListTokenVerifier(new StaticIssuerKeyResolver(listKey.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = _clock }));
        resolver.Add(StatusUri, token);
        return resolver;
    }

    private SdJwtVcVerifier Verifier() => new(_trust, options: new SdJwtVcVerifierOptions { TimeProvider = _clock });

    private SdJwtVcVerifier LenientVerifier() => new(_trust, options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireExpirationTime = false, RequireConfirmationKey = false, RequireStatus = false });

    private static SdJwtVcPolicy Policy(KeyBindingRequirement? keyBinding = null) => new()
    {
        KeyBinding = keyBinding ?? KeyBindingRequirement.Required(Audience, Nonce),
        Status = StatusCheck.Skip,
    };

    private SdJwtVcIssuance Age(string vct) => new()
    {
        Vct = vct,
        Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", true).Disclosable("birth_date", "2003-11-08"),
        HolderKey = _holderKey.PublicJwk,
        Status = new StatusReference(StatusUri, 42),
        ExpiresAt = s_now.AddYears(1),
    };

    private async Task<Credentials.SdJwt.SdJwtToken> Issue(string vct)
    {
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
        return await issuer.IssueAsync(Age(vct));
    }

    private async Task<string> Present(Credentials.SdJwt.SdJwtToken issued, params string[] claims)
    {
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = _clock });
        var presented = await holder.PresentAsync(issued, claims.Select(c => ClaimPath.Of(c)), new KeyBindingInput(Audience, Nonce), _holderKey);
        return presented.Value.Serialize();
    }
}
