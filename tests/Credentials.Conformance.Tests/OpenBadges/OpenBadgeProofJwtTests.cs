using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;
using Xunit;
using V = Credentials.Conformance.Tests.OpenBadges.OpenBadgeProofVectors;

namespace Credentials.Conformance.Tests.OpenBadges;

/// <summary>
/// Open Badges 3.0 section 8.2 (JSON Web Token proof format) against the specification's own signed examples: RS256
/// with the RSA key in the <c>jwk</c> header, the payload the credential plus <c>iss</c>, <c>jti</c> and <c>sub</c>.
/// </summary>
public class OpenBadgeProofJwtTests
{
    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task VerifyAsync_SpecExample_ValidWithHeaderKeyAndIssuerTrustNotChecked(string name)
    {
        var result = await V.JwtVerifier().VerifyAsync(V.Jwt(name));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("RS256", result.Value.Algorithm);
        Assert.Equal(OpenBadgeJwtVerifier.SecuringMechanism, result.Value.SecuringMechanism);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.DataModel));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));

        // The key came with the token: it proves that somebody signed, not that the issuer did.
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.Equal(OpenBadgeJwtErrors.KeyNotBound, Assert.Single(result.Checks, c => c.Check == W3cCheckKind.IssuerTrust).Error?.Code);
    }

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public void Payload_SpecExampleMinusIssJtiSub_EqualsUnsigned(string name)
    {
        var payload = V.JwtPayload(V.Jwt(name));
        var unsigned = V.Object(V.Signed + name + ".unsigned.json");

        Assert.Equal(unsigned["issuer"] is JsonValue ? unsigned["issuer"]!.GetValue<string>() : unsigned["issuer"]!["id"]!.GetValue<string>(), payload["iss"]!.GetValue<string>());
        Assert.Equal(unsigned["id"]!.GetValue<string>(), payload["jti"]!.GetValue<string>());
        Assert.Equal(unsigned["credentialSubject"]!["id"]!.GetValue<string>(), payload["sub"]!.GetValue<string>());
        payload.Remove("iss");
        payload.Remove("jti");
        payload.Remove("sub");
        Assert.True(JsonNode.DeepEquals(unsigned, payload), payload.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task VerifyAsync_HeaderKeyConfiguredForIssuer_IssuerTrustPassed(string name)
    {
        var token = V.Jwt(name);
        var issuer = V.JwtPayload(token)["iss"]!.GetValue<string>();
        var options = new OpenBadgeJwtVerifierOptions { IssuerKeys = new Dictionary<string, IReadOnlyList<Jwk>> { [issuer] = [V.HeaderKey(token)] } };

        var result = await V.JwtVerifier(options).VerifyAsync(token);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task VerifyAsync_AnotherKeyConfiguredForIssuer_IssuerKeyMismatch()
    {
        var token = V.Jwt("basic-openbadgecredential");
        var other = V.HeaderKey(V.Jwt("endorsementcredential"));
        var options = new OpenBadgeJwtVerifierOptions { IssuerKeys = new Dictionary<string, IReadOnlyList<Jwk>> { ["https://example.com/issuers/876543"] = [other] } };

        var result = await V.JwtVerifier(options).VerifyAsync(token);

        Assert.Equal(VcErrors.IssuerKeyMismatch, result.Error?.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task VerifyAsync_TrustedIssuersWithoutBoundKey_IssuerKeyMismatch()
    {
        var options = new OpenBadgeJwtVerifierOptions { TrustedIssuers = new HashSet<string> { "https://example.com/issuers/876543" } };

        var result = await V.JwtVerifier(options).VerifyAsync(V.Jwt("basic-openbadgecredential"));

        Assert.Equal(VcErrors.IssuerKeyMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_IssuerNotTrusted_UntrustedIssuer()
    {
        var options = new OpenBadgeJwtVerifierOptions { TrustedIssuers = new HashSet<string> { "https://example.org/other" } };

        var result = await V.JwtVerifier(options).VerifyAsync(V.Jwt("basic-openbadgecredential"));

        Assert.Equal(VcErrors.UntrustedIssuer, result.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task VerifyAsync_TamperedName_InvalidSignature(string name)
    {
        var token = V.Jwt(name);
        var payload = V.JwtPayload(token);
        payload["name"] = "Tampered";

        var result = await V.JwtVerifier().VerifyAsync(V.WithPayload(token, payload));

        Assert.Equal(JoseErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Fact]
    public async Task VerifyAsync_Rs256RemovedFromAllowList_AlgorithmNotAllowed()
    {
        var options = new OpenBadgeJwtVerifierOptions { AllowedAlgorithms = ["EdDSA", "ES256"] };

        var result = await V.JwtVerifier(options).VerifyAsync(V.Jwt("basic-openbadgecredential"));

        Assert.Equal(JoseErrors.AlgorithmNotAllowed, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_MinimumRsaKeySizeAboveExampleKey_WeakKey()
    {
        var options = new OpenBadgeJwtVerifierOptions { MinimumRsaKeySize = 3072 };

        var result = await V.JwtVerifier(options).VerifyAsync(V.Jwt("basic-openbadgecredential"));

        Assert.Equal(OpenBadgeJwtErrors.WeakKey, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_RequireTimeClaims_ExamplesLackNbf_MissingClaim()
    {
        var result = await V.JwtVerifier(new OpenBadgeJwtVerifierOptions { RequireTimeClaims = true }).VerifyAsync(V.Jwt("basic-openbadgecredential"));

        Assert.Equal(OpenBadgeJwtErrors.MissingClaim, result.Error?.Code);
        Assert.Equal(ClaimPath.Of("nbf"), result.Error?.Path);
    }

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task W3cCredentialVerifier_WithOpenBadgeJwtOptions_VerifiesSpecExample(string name)
    {
        var verifier = new W3cCredentialVerifier(DidResolver.CreateDefault(), new W3cCredentialVerifierOptions
        {
            OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default,
            TimeProvider = TestClock.At(V.Now),
        });

        var result = await verifier.VerifyAsync(V.Jwt(name));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(OpenBadgeJwtVerifier.SecuringMechanism, result.Value.SecuringMechanism);
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task W3cCredentialVerifier_WithoutOpenBadgeJwtOptions_RefusesTypJwtAsVcJwt()
    {
        var verifier = new W3cCredentialVerifier(DidResolver.CreateDefault(), new W3cCredentialVerifierOptions { TimeProvider = TestClock.At(V.Now) });

        var result = await verifier.VerifyAsync(V.Jwt("basic-openbadgecredential"));

        Assert.False(result.IsValid);
        Assert.Equal(JoseErrors.UnsupportedAlgorithm, result.Error?.Code);
    }

    [Fact]
    public async Task W3cCredentialVerifier_TrustedIssuersAndHeaderKeyOnly_IssuerKeyMismatch()
    {
        var verifier = new W3cCredentialVerifier(DidResolver.CreateDefault(), new W3cCredentialVerifierOptions
        {
            OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default,
            TrustedIssuers = new HashSet<string> { "https://example.com/issuers/876543" },
            TimeProvider = TestClock.At(V.Now),
        });

        var result = await verifier.VerifyAsync(V.Jwt("basic-openbadgecredential"));

        Assert.Equal(VcErrors.IssuerKeyMismatch, result.Error?.Code);
    }
}
