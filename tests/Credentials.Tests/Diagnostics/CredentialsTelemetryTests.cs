using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Diagnostics;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Diagnostics;

[Collection(nameof(SerialTelemetryTests))]
public sealed class CredentialsTelemetryTests : IDisposable
{
    private const string IssuerId = "https://issuer.credentials.example.jp/telemetry";
    private const string Vct = "https://credentials.example.jp/vct/telemetry-person/v1";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "n-T3lemetry-9f2";
    private const string FamilyName = "Yamadaq7Zx";
    private const string BirthDate = "1987-03-14";
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "telemetry-1");
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly FakeTimeProvider _clock = new(s_now);
    private readonly TrustList _trust;

    public CredentialsTelemetryTests()
    {
        _trust = new TrustList([new TrustedIssuer { Issuer = IssuerId, Keys = [_issuerKey.PublicJwk], CredentialTypes = [Vct] }]);
    }

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
        _trust.Dispose();
    }

    [Fact]
    public void Names_AreTheLibrarysName()
    {
        Assert.Equal("Credentials", CredentialsTelemetry.ActivitySourceName);
        Assert.Equal("Credentials", CredentialsTelemetry.MeterName);
        Assert.False(string.IsNullOrEmpty(CredentialsTelemetry.Version));
        Assert.DoesNotContain('+', CredentialsTelemetry.Version);
        Assert.Equal(CredentialsTelemetry.Version, Telemetry.Meter.Version);
        Assert.Equal(CredentialsTelemetry.Version, Telemetry.Source.Version);
    }

    [Fact]
    public async Task IssueAsync_SdJwtVc_IncrementsIssuedWithFormatAndVct()
    {
        using var capture = new TelemetryCapture();

        await Issuer().IssueAsync(Person());

        var issued = Assert.Single(capture.Of("credentials.issued"));
        Assert.Equal(1, issued.Value);
        Assert.Equal("{credential}", issued.Unit);
        Assert.Equal("dc+sd-jwt", issued.Tag("credentials.format"));
        Assert.Equal(Vct, issued.Tag("credentials.vct"));
        var activity = capture.SingleActivity("credentials.sd_jwt_vc.issue");
        Assert.Equal(Vct, activity.GetTagItem("credentials.vct"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task VerifyAsync_Valid_CountsValidRecordsDurationAndStopsTheActivity()
    {
        var presentation = await Present(await Issuer().IssueAsync(Person()), "family_name");
        using var capture = new TelemetryCapture();

        var result = await Verifier().VerifyAsync(presentation, Policy());

        Assert.True(result.IsValid, result.Error?.ToString());
        var verified = Assert.Single(capture.Of("credentials.verified"));
        Assert.Equal("valid", verified.Tag("credentials.outcome"));
        Assert.Equal("dc+sd-jwt", verified.Tag("credentials.format"));
        Assert.Empty(capture.Of("credentials.verification.failures"));
        var duration = Assert.Single(capture.Of("credentials.verification.duration"));
        Assert.Equal("s", duration.Unit);
        Assert.InRange(duration.Value, 0, 60);
        var activity = capture.SingleActivity("credentials.sd_jwt_vc.verify");
        Assert.Equal("valid", activity.GetTagItem("credentials.outcome"));
        Assert.NotEqual(TimeSpan.Zero, activity.Duration);
    }

    [Fact]
    public async Task VerifyAsync_UntrustedIssuer_IncrementsFailuresWithTheCodeTag()
    {
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        var forged = await new SdJwtVcIssuer(otherKey, new SdJwtVcIssuerOptions { Issuer = "https://evil.example", TimeProvider = _clock }).IssueAsync(Person());
        var presentation = await Present(forged, "family_name");
        using var capture = new TelemetryCapture();

        var result = await Verifier().VerifyAsync(presentation, Policy());

        Assert.Equal(TrustErrors.UntrustedIssuer, result.Error!.Code);
        var failure = Assert.Single(capture.Of("credentials.verification.failures"));
        Assert.Equal(1, failure.Value);
        Assert.Equal(TrustErrors.UntrustedIssuer.Value, failure.Tag("error.type"));
        Assert.Equal("dc+sd-jwt", failure.Tag("credentials.format"));
        Assert.Equal("invalid", Assert.Single(capture.Of("credentials.verified")).Tag("credentials.outcome"));
        var activity = capture.SingleActivity("credentials.sd_jwt_vc.verify");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(TrustErrors.UntrustedIssuer.Value, activity.GetTagItem("error.type"));
    }

    [Fact]
    public void MdocVerify_Garbage_CountsAFailureWithItsCode()
    {
        using var capture = new TelemetryCapture();
        var transcript = SessionTranscript.ForOpenId4Vp("x509_san_dns:v.example", "n", null, "https://v.example/r");

        var result = new MdocVerifier(new MdocVerifierOptions()).Verify(new byte[] { 0xA0 }, transcript);

        Assert.False(result.IsValid);
        var failure = Assert.Single(capture.Of("credentials.verification.failures"));
        Assert.Equal("mso_mdoc", failure.Tag("credentials.format"));
        Assert.Equal(result.Error!.Code.Value, failure.Tag("error.type"));
        Assert.Equal(ActivityStatusCode.Error, capture.SingleActivity("credentials.mdoc.verify").Status);
    }

    [Fact]
    public async Task ReceiveResponseAsync_UnknownState_CountsARefusedPresentation()
    {
        var verifier = new OpenId4VpVerifier(new InMemoryProtocolStateStore(), Verifier(), new OpenId4VpVerifierOptions
        {
            ClientId = "redirect_uri:https://verifier.example.jp/response",
            ResponseUri = new Uri("https://verifier.example.jp/response"),
            TimeProvider = _clock,
        });
        using var capture = new TelemetryCapture();

        var result = await verifier.ReceiveResponseAsync([new("state", "no-such-state"), new("vp_token", "{}")]);

        Assert.Equal(400, result.StatusCode);
        var presentation = Assert.Single(capture.Of("credentials.presentations.verified"));
        Assert.Equal("refused", presentation.Tag("credentials.outcome"));
        Assert.Equal(OpenId4VpErrors.UnknownState.Value, presentation.Tag("error.type"));
        Assert.Equal("refused", capture.SingleActivity("credentials.openid4vp.response").GetTagItem("credentials.outcome"));
    }

    [Fact]
    public async Task Telemetry_IssueAndVerify_NoTagCarriesAClaimValueOrAToken()
    {
        using var capture = new TelemetryCapture();
        var issued = await Issuer().IssueAsync(Person());
        var presentation = await Present(issued, "family_name", "birthdate");
        var result = await Verifier().VerifyAsync(presentation, Policy());
        Assert.True(result.IsValid, result.Error?.ToString());

        var values = capture.AllTagValues().ToList();
        Assert.NotEmpty(values);
        var secrets = new List<string> { FamilyName, BirthDate, Nonce, "eyJ" };
        secrets.AddRange(issued.Disclosures.Select(d => d.Encoded));
        secrets.AddRange(issued.Disclosures.Select(d => d.Salt));
        foreach (var value in values)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Telemetry_NothingListens_IsNotObservedAndRecordsNothing()
    {
        var presentation = await Present(await Issuer().IssueAsync(Person()), "family_name");
        using (var capture = new TelemetryCapture())
        {
            Assert.True(Telemetry.VerificationObserved);
        }

        Assert.False(Telemetry.VerificationObserved);
        Assert.False(Telemetry.IssuanceObserved);
        Assert.False(Telemetry.PresentationObserved);
        var result = await Verifier().VerifyAsync(presentation, Policy());
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task Telemetry_MetricsOnly_RecordsWithoutActivities()
    {
        var presentation = await Present(await Issuer().IssueAsync(Person()), "family_name");
        using var capture = new TelemetryCapture(activities: false);

        await Verifier().VerifyAsync(presentation, Policy());

        Assert.Single(capture.Of("credentials.verified"));
        Assert.Empty(capture.Stopped);
    }

    private SdJwtVcIssuer Issuer() => new(_issuerKey, new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });

    private SdJwtVcVerifier Verifier() => new(_trust, options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireStatus = false });

    private static SdJwtVcPolicy Policy() => new() { KeyBinding = KeyBindingRequirement.Required(Audience, Nonce), Status = StatusCheck.Skip };

    private SdJwtVcIssuance Person() => new()
    {
        Vct = Vct,
        Claims = SdJwtPayload.Create().Disclosable("family_name", FamilyName).Disclosable("birthdate", BirthDate),
        HolderKey = _holderKey.PublicJwk,
        ExpiresAt = s_now.AddYears(1),
    };

    private async Task<string> Present(SdJwtToken issued, params string[] claims)
    {
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = _clock });
        var presented = await holder.PresentAsync(issued, claims.Select(c => ClaimPath.Of(c)), new KeyBindingInput(Audience, Nonce), _holderKey);
        return presented.Value.Serialize();
    }
}
