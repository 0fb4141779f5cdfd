using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.VcJose;
using Xunit;
using static Credentials.Tests.W3c.DataIntegrity.DiTestSupport;

namespace Credentials.Tests.W3c;

/// <summary>
/// One verifier for W3C credentials, whatever secures them: the form is recognised from the text, and the report lists
/// every check (proof, issuer trust, data model, validity period, status).
/// </summary>
public sealed class W3cCredentialVerifierTests
{
    [Theory]
    [InlineData("eddsa-rdfc-2022")]
    [InlineData("eddsa-jcs-2022")]
    [InlineData("ecdsa-rdfc-2019")]
    [InlineData("ecdsa-jcs-2019")]
    public async Task DataIntegrity_FromTheIssuersOwnDid_VerifiesWithEveryCheckReported(string suiteName)
    {
        Assert.True(Cryptosuite.TryGet(suiteName, out var suite));
        using var key = SigningKey.Create(suiteName.StartsWith("ecdsa", StringComparison.Ordinal) ? JwsAlgorithm.Es256 : JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, suite, IssuedBy(key));

        var result = await Verifier().VerifyAsync(signed.ToJsonString());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.DataIntegrity(suiteName), result.Value.SecuringMechanism);
        Assert.Equal(DidKey.Create(key).Value, result.Value.Issuer);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.DataModel));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task DataIntegrity_ClaimChangedAfterSigning_FailsTheProof()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Cryptosuite.EddsaRdfc2022, IssuedBy(key));
        signed["credentialSubject"]!["degree"]!["name"] = "博士";

        var result = await Verifier().VerifyAsync(signed.ToJsonString());

        Assert.False(result.IsValid);
        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.NotReached, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task DataIntegrity_SignedByAKeyOfAnotherDid_IsNotTheIssuers()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var impersonated = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Cryptosuite.EddsaRdfc2022, IssuedBy(impersonated));

        var result = await Verifier().VerifyAsync(signed.ToJsonString());

        Assert.False(result.IsValid);
        Assert.Equal(VcErrors.IssuerKeyMismatch, result.Error.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task TrustedIssuers_IssuerListed_Passes_AndAnyOtherIsUntrusted()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = (await SignAsync(key, Cryptosuite.EddsaRdfc2022, IssuedBy(key))).ToJsonString();

        var trusted = await Verifier(new W3cCredentialVerifierOptions { TrustedIssuers = new HashSet<string> { DidKey.Create(key).Value } }).VerifyAsync(signed);
        var untrusted = await Verifier(new W3cCredentialVerifierOptions { TrustedIssuers = new HashSet<string> { "did:web:issuer.example.jp" } }).VerifyAsync(signed);

        Assert.True(trusted.IsValid, trusted.Error?.ToString());
        Assert.Equal(CheckOutcome.Passed, trusted.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.False(untrusted.IsValid);
        Assert.Equal(VcErrors.UntrustedIssuer, untrusted.Error.Code);
    }

    [Fact]
    public async Task VcJwt_FromTheIssuersOwnDid_Verifies()
    {
        using var issuerKey = KeyWithDidKid(JwsAlgorithm.Es256);
        var credential = W3cCredential.Read(IssuedBy(issuerKey).ToJsonString()).Value;
        var token = await new VcJwtIssuer(issuerKey).IssueAsync(credential);

        var result = await Verifier().VerifyAsync(token);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.VcJwt, result.Value.SecuringMechanism);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task VcJwt_SignatureAltered_FailsTheProof()
    {
        using var issuerKey = KeyWithDidKid(JwsAlgorithm.EdDsa);
        var token = await new VcJwtIssuer(issuerKey).IssueAsync(W3cCredential.Read(IssuedBy(issuerKey).ToJsonString()).Value);
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var result = await Verifier().VerifyAsync(altered);

        Assert.False(result.IsValid);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a credential")]
    [InlineData("a.b")]
    [InlineData("eyJ.eyJ.sig~")]
    public async Task Text_NeitherJsonNorACompactJws_IsUnrecognized(string text)
    {
        var result = await Verifier().VerifyAsync(text);

        Assert.False(result.IsValid);
        Assert.Equal(VcErrors.UnrecognizedFormat, result.Error.Code);
    }

    [Fact]
    public async Task Json_NotACredential_FailsTheDataModel()
    {
        var result = await Verifier().VerifyAsync("""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"]}""");

        Assert.False(result.IsValid);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.DataModel));
    }

    [Fact]
    public async Task Json_WithoutProof_IsMissingItsProof()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var result = await Verifier().VerifyAsync(IssuedBy(key).ToJsonString());

        Assert.False(result.IsValid);
        Assert.Equal(DataIntegrityErrors.MissingProof, result.Error.Code);
    }

    [Fact]
    public async Task ValidUntilPassed_Expired()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = IssuedBy(key);
        document["validUntil"] = "2026-03-01T00:00:00Z";
        var signed = await SignAsync(key, Cryptosuite.EddsaRdfc2022, document);

        var result = await Verifier().VerifyAsync(signed.ToJsonString());

        Assert.False(result.IsValid);
        Assert.Equal(VcErrors.Expired, result.Error.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
    }

    [Fact]
    public async Task StatusRequired_CredentialWithoutStatus_Fails()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Cryptosuite.EddsaRdfc2022, IssuedBy(key));

        var result = await Verifier(new W3cCredentialVerifierOptions { Status = StatusCheck.Required }).VerifyAsync(signed.ToJsonString());

        Assert.False(result.IsValid);
        Assert.Equal(Credentials.Status.StatusErrors.InvalidReference, result.Error.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Status));
    }

    internal static JsonObject IssuedBy(SigningKey key)
    {
        var document = Credential();
        document["issuer"] = DidKey.Create(key).Value;
        return document;
    }

    internal static W3cCredentialVerifier Verifier(W3cCredentialVerifierOptions? options = null, Credentials.W3c.BitstringStatus.IBitstringStatusListResolver? statusLists = null)
    {
        options ??= W3cCredentialVerifierOptions.Default;
        var clock = TestClock.At(Now);
        return new W3cCredentialVerifier(DidResolver.CreateDefault(), options with
        {
            TimeProvider = clock,
            DataIntegrity = options.DataIntegrity with { TimeProvider = clock, DocumentLoader = Loader },
            VcJwt = options.VcJwt with { TimeProvider = clock },
        }, statusLists);
    }

    private static SigningKey KeyWithDidKid(JwsAlgorithm algorithm)
    {
        using var probe = SigningKey.Create(algorithm);
        var jwk = probe.ExportPrivateJwk();
        var kid = DidKey.GetKeyId(DidKey.Create(probe)).Value;
        return SigningKey.FromJwk(jwk with { Kid = kid }, algorithm);
    }
}
