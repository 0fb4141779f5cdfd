using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.Wallet.Holder;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>W3C credentials (Open Badges 3.0) in the wallet: import, listing, DCQL plans and presentations.</summary>
public sealed class HolderW3cTests : IAsyncLifetime, IDisposable
{
    private const string Nonce = "n-W3c_0S6_WzA2Mj";
    private static readonly FakeTimeProvider VerifierClock = new(HolderTestBed.Now);

    private HolderTestBed _bed = null!;
    private W3cTestIssuer _issuer = null!;

    public async Task InitializeAsync()
    {
        _bed = await HolderTestBed.CreateAsync(new CredentialWalletOptions { Locale = "en", W3cVerifier = W3cTestIssuer.Verifier(VerifierClock) });
        _issuer = new W3cTestIssuer(_bed.Clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _issuer?.Dispose();
        _bed?.Dispose();
    }

    private static DcqlQuery BadgeQuery(string format, string extra = "")
        => HolderTestBed.ParseQuery($$"""
            {"credentials":[{"id":"badge","format":"{{format}}","meta":{"type_values":[["{{W3cTestIssuer.ObVocab}}OpenBadgeCredential"]]},
              "claims":[{"path":["credentialSubject","achievement","name"]}]{{extra}}}]}
            """);

    private static W3cPresentationVerifier PresentationVerifier() => new(W3cTestIssuer.Resolver, W3cTestIssuer.Verifier(VerifierClock),
        new W3cPresentationVerifierOptions { DataIntegrity = new DataIntegrityVerifierOptions { TimeProvider = VerifierClock }, VcJwt = new W3c.VcJose.VcJwtVerifierOptions { TimeProvider = VerifierClock } });

    [Theory]
    [InlineData(DcqlFormats.LdpVc)]
    [InlineData(DcqlFormats.JwtVcJson)]
    public async Task ImportW3c_BoundToWalletKey_StoredAsReceivedAndListed(string format)
    {
        var key = await _bed.NewHolderKeyAsync();
        var badge = _issuer.Badge(W3cTestIssuer.HolderDid(key));
        var issued = format == DcqlFormats.LdpVc ? await _issuer.IssueLdpAsync(badge) : await _issuer.IssueJwtAsync(badge);

        var imported = await _bed.Wallet.ImportW3cAsync(issued);

        Assert.True(imported.IsValid, imported.Error?.ToString());
        Assert.Equal(format, imported.Value.Format);
        Assert.Equal(key.Id, imported.Value.HolderKeyId);
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], imported.Value.Types.ToArray());
        Assert.Equal("Teamwork Badge", imported.Value.DisplayName);

        var summary = Assert.Single((await _bed.Store.ListAsync()).GetValueOrThrow());
        Assert.Equal(format, summary.Format);
        Assert.Equal(_issuer.Did, summary.Issuer);
        Assert.Equal("Teamwork Badge", summary.DisplayName);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), summary.IssuedAt);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), summary.ExpiresAt);
        Assert.Contains(W3cTestIssuer.ObVocab + "OpenBadgeCredential", summary.ExpandedTypes);
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], summary.Types.ToArray());

        var stored = (await _bed.Store.GetAsync(summary.Id)).GetValueOrThrow();
        Assert.Equal(issued, stored.Raw);
        Assert.Equal(key.Id, stored.HolderKeyId);

        var listed = Assert.Single((await _bed.Wallet.ListAsync()).GetValueOrThrow());
        Assert.Equal("Teamwork Badge", listed.DisplayName);
        Assert.Equal(format, listed.Format);
    }

    [Fact]
    public async Task OpenBadgeJwtForm_ImportedAsJwtVcJsonAndPresented()
    {
        var key = await _bed.NewHolderKeyAsync();
        var issued = await _issuer.IssueObJwtAsync(_issuer.Badge(W3cTestIssuer.HolderDid(key)));

        var imported = await _bed.Wallet.ImportW3cAsync(issued);

        Assert.True(imported.IsValid, imported.Error?.ToString());
        Assert.Equal(DcqlFormats.JwtVcJson, imported.Value.Format);
        var presentation = Assert.Single((await _bed.ApproveAsync(await _bed.PrepareAsync(BadgeQuery(DcqlFormats.JwtVcJson), Nonce))).VpToken["badge"]);
        var verified = await PresentationVerifier().VerifyVpJwtAsync(presentation, HolderTestBed.Verifier, Nonce);
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(W3cTestIssuer.HolderDid(key), verified.Value.Holder);
    }

    [Fact]
    public async Task ImportW3c_SubjectNotAWalletKey_IsHolderKeyMismatch()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var issued = await _issuer.IssueLdpAsync(_issuer.Badge(Dids.Methods.DidKey.Create(other).ToString()));

        var imported = await _bed.Wallet.ImportW3cAsync(issued);

        Assert.Equal(HolderErrors.HolderKeyMismatch, imported.Error!.Code);
        Assert.Empty((await _bed.Store.ListAsync()).GetValueOrThrow());
    }

    [Fact]
    public async Task ImportW3c_NoSubjectId_IsHolderBindingMissing()
    {
        await _bed.NewHolderKeyAsync();
        var issued = await _issuer.IssueLdpAsync(_issuer.Badge(null));

        var imported = await _bed.Wallet.ImportW3cAsync(issued);

        Assert.Equal(HolderErrors.HolderBindingMissing, imported.Error!.Code);
    }

    [Fact]
    public async Task ImportW3c_Tampered_FailsWithTheVerifiersCode()
    {
        var key = await _bed.NewHolderKeyAsync();
        var issued = await _issuer.IssueLdpAsync(_issuer.Badge(W3cTestIssuer.HolderDid(key)));
        var tampered = JsonNode.Parse(issued)!.AsObject();
        tampered["name"] = "Leadership Badge";

        var imported = await _bed.Wallet.ImportW3cAsync(tampered.ToJsonString());

        Assert.False(imported.IsValid);
        Assert.Equal(DataIntegrityErrors.InvalidSignature, imported.Error!.Code);
    }

    [Fact]
    public async Task ImportW3c_WithoutVerifierOrNotW3c_IsUnsupportedFormat()
    {
        using var bed = await HolderTestBed.CreateAsync(new CredentialWalletOptions { Locale = "en" });
        var key = await bed.NewHolderKeyAsync();
        var issued = await _issuer.IssueLdpAsync(_issuer.Badge(W3cTestIssuer.HolderDid(key)));

        Assert.Equal(HolderErrors.UnsupportedFormat, (await bed.Wallet.ImportW3cAsync(issued)).Error!.Code);
        Assert.Equal(HolderErrors.UnsupportedFormat, (await _bed.Wallet.ImportW3cAsync("not a credential")).Error!.Code);
    }

    [Fact]
    public async Task GetDetails_W3cCredential_EveryClaimNoneSelectivelyDisclosable()
    {
        var key = await _bed.NewHolderKeyAsync();
        var imported = await _bed.Wallet.ImportW3cAsync(await _issuer.IssueLdpAsync(_issuer.Badge(W3cTestIssuer.HolderDid(key))));

        var details = (await _bed.Wallet.GetDetailsAsync(imported.Value!.Id)).GetValueOrThrow();

        Assert.Equal("Teamwork Badge", details.Credential.DisplayName);
        var subject = Assert.Single(details.Claims, c => c.Path.ToString() == "[\"credentialSubject\"]");
        Assert.Equal("Teamwork", subject.Value.GetProperty("achievement").GetProperty("name").GetString());
        Assert.Contains(details.Claims, c => c.Path.ToString() == "[\"issuer\"]");
        Assert.All(details.Claims, c => Assert.False(c.IsSelectivelyDisclosable));
    }

    [Fact]
    public async Task DeleteAsync_W3cCredential_Removed()
    {
        var key = await _bed.NewHolderKeyAsync();
        var imported = await _bed.Wallet.ImportW3cAsync(await _issuer.IssueLdpAsync(_issuer.Badge(W3cTestIssuer.HolderDid(key))));

        var deleted = await _bed.Store.DeleteAsync(imported.Value!.Id);

        Assert.Equal(DcqlFormats.LdpVc, deleted.Value!.Format);
        Assert.Empty((await _bed.Store.ListAsync()).GetValueOrThrow());
    }

    [Fact]
    public async Task Summary_SdJwtVc_HasNoW3cTypes()
    {
        var key = await _bed.NewHolderKeyAsync();
        await _bed.ImportAsync(await _bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk));

        var summary = Assert.Single((await _bed.Store.ListAsync()).GetValueOrThrow());

        Assert.Empty(summary.Types);
        Assert.Empty(summary.ExpandedTypes);
    }

    [Theory]
    [InlineData(DcqlFormats.LdpVc, "EdDSA")]
    [InlineData(DcqlFormats.LdpVc, "ES256")]
    [InlineData(DcqlFormats.JwtVcJson, "ES256")]
    public async Task Respond_W3cQuery_PresentsWholeCredentialBoundToRequest(string format, string algorithm)
    {
        var key = (await _bed.Store.CreateHolderKeyAsync(Algorithm(algorithm))).GetValueOrThrow();
        var badge = _issuer.Badge(W3cTestIssuer.HolderDid(key));
        var imported = await _bed.Wallet.ImportW3cAsync(format == DcqlFormats.LdpVc ? await _issuer.IssueLdpAsync(badge) : await _issuer.IssueJwtAsync(badge));
        Assert.True(imported.IsValid, imported.Error?.ToString());

        var plan = await _bed.PrepareAsync(BadgeQuery(format), Nonce);

        Assert.True(plan.IsSatisfiable);
        var planned = Assert.Single(plan.Presentations);
        Assert.True(planned.DisclosesWholeCredential);
        Assert.Equal(format, planned.Format);
        Assert.Equal("Teamwork Badge", planned.CredentialName);
        Assert.Equal("[\"credentialSubject\",\"achievement\",\"name\"]", Assert.Single(planned.RequestedClaims).Path.ToString());
        Assert.Contains(planned.AlwaysVisibleClaims, c => c.Path.ToString() == "[\"issuer\",\"name\"]");
        Assert.Contains(planned.AlwaysVisibleClaims, c => c.Path.ToString() == "[\"credentialSubject\",\"achievement\",\"criteria\",\"narrative\"]");

        var response = await _bed.ApproveAsync(plan);

        var presentation = Assert.Single(response.VpToken["badge"]);
        var verifier = PresentationVerifier();
        var verified = format == DcqlFormats.LdpVc
            ? await verifier.VerifyDataIntegrityAsync(presentation, Nonce, HolderTestBed.Verifier)
            : await verifier.VerifyVpJwtAsync(presentation, HolderTestBed.Verifier, Nonce);
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(W3cTestIssuer.HolderDid(key), verified.Value.Holder);
        Assert.Equal(_issuer.Did, Assert.Single(verified.Value.Credentials).Issuer);

        // The disclosure log records every claim: the whole credential was shown.
        var entry = Assert.Single((await _bed.Store.GetDisclosureLogAsync()).GetValueOrThrow());
        var logged = Assert.Single(entry.Credentials);
        Assert.Equal(imported.Value.Id, logged.CredentialId);
        Assert.Contains(logged.Claims, c => c.Path.ToString() == "[\"issuer\",\"name\"]");
        Assert.Contains(logged.Claims, c => c.Path.ToString() == "[\"credentialSubject\",\"achievement\",\"name\"]");
    }

    [Theory]
    [InlineData(DcqlFormats.LdpVc)]
    [InlineData(DcqlFormats.JwtVcJson)]
    public async Task Presentation_WrongNonceOrAudience_FailsHolderTrust(string format)
    {
        var key = await _bed.NewHolderKeyAsync();
        var badge = _issuer.Badge(W3cTestIssuer.HolderDid(key));
        await _bed.Wallet.ImportW3cAsync(format == DcqlFormats.LdpVc ? await _issuer.IssueLdpAsync(badge) : await _issuer.IssueJwtAsync(badge));
        var presentation = Assert.Single((await _bed.ApproveAsync(await _bed.PrepareAsync(BadgeQuery(format), Nonce))).VpToken["badge"]);
        var verifier = PresentationVerifier();

        var wrongNonce = format == DcqlFormats.LdpVc
            ? await verifier.VerifyDataIntegrityAsync(presentation, "other-nonce", HolderTestBed.Verifier)
            : await verifier.VerifyVpJwtAsync(presentation, HolderTestBed.Verifier, "other-nonce");
        var wrongAudience = format == DcqlFormats.LdpVc
            ? await verifier.VerifyDataIntegrityAsync(presentation, Nonce, "x509_san_dns:other.example")
            : await verifier.VerifyVpJwtAsync(presentation, "x509_san_dns:other.example", Nonce);

        Assert.Equal(CheckOutcome.Failed, wrongNonce.OutcomeOf(W3cCheckKind.HolderTrust));
        Assert.Equal(CheckOutcome.Failed, wrongAudience.OutcomeOf(W3cCheckKind.HolderTrust));
        if (format == DcqlFormats.LdpVc)
        {
            Assert.Equal(DataIntegrityErrors.ChallengeMismatch, wrongNonce.Error!.Code);
            Assert.Equal(DataIntegrityErrors.DomainMismatch, wrongAudience.Error!.Code);
        }
    }

    private static JwsAlgorithm Algorithm(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        return algorithm;
    }

    [Fact]
    public async Task Prepare_TypeValuesNotHeld_IsUnanswered()
    {
        var key = await _bed.NewHolderKeyAsync();
        await _bed.Wallet.ImportW3cAsync(await _issuer.IssueLdpAsync(_issuer.Badge(W3cTestIssuer.HolderDid(key))));
        var query = HolderTestBed.ParseQuery("""
            {"credentials":[{"id":"badge","format":"ldp_vc","meta":{"type_values":[["https://example.org/vocab#DriversLicense"]]}}]}
            """);

        var plan = await _bed.PrepareAsync(query, Nonce);

        Assert.False(plan.IsSatisfiable);
        Assert.Equal(UnansweredReason.NoCredentialOfType, Assert.Single(plan.Unanswered).Reason);
    }

    [Fact]
    public async Task Prepare_MixedWallet_SdJwtQueryUnaffectedByW3cCredential()
    {
        var key = await _bed.NewHolderKeyAsync();
        await _bed.Wallet.ImportW3cAsync(await _issuer.IssueLdpAsync(_issuer.Badge(W3cTestIssuer.HolderDid(key))));
        await _bed.ImportAsync(await _bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk));
        var query = HolderTestBed.ParseQuery($$$"""
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{{HolderTestBed.PidVct}}}"]},"claims":[{"path":["family_name"]}]},
                            {"id":"badge","format":"ldp_vc","meta":{"type_values":[["{{{W3cTestIssuer.ObVocab}}}OpenBadgeCredential"]]}}]}
            """);

        var plan = await _bed.PrepareAsync(query, Nonce);

        Assert.True(plan.IsSatisfiable);
        Assert.False(plan.Find("pid")!.DisclosesWholeCredential);
        Assert.True(plan.Find("badge")!.DisclosesWholeCredential);
        var response = await _bed.ApproveAsync(plan);
        Assert.Equal(2, response.VpToken.Count);
    }
}
