using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Xunit;
using static Credentials.Interop.Tests.Mdoc.MdocScenario;

namespace Credentials.Interop.Tests.Mdoc;

/// <summary>
/// Theirs → ours: <c>@animo-id/mdoc</c> issues (their document-signer key and certificate under their own IACA, their
/// device key) and presents for the OpenID4VP request; our <see cref="MdocVerifier"/>, with their IACA as its only trust
/// anchor and the session transcript from <see cref="SessionTranscript.ForOpenId4Vp"/>, accepts it with their elements,
/// and refuses the tampered copy, another nonce and another trust anchor with our error codes. Our holder also
/// presents their issuance, and both verifiers accept that.
/// </summary>
public sealed class MdocTheirsToOursTests
{
    [Fact]
    public async Task TheirDeviceResponse_OurVerifier_AcceptsWithTheirElements()
    {
        var theirs = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        using var iaca = MdocCertificates.ParsePem((string)theirs["iacaPem"]!);
        var response = Convert.FromHexString((string)theirs["deviceResponseHex"]!);

        var verdict = MdocOurSide.Verifier(iaca).Verify(response, MdocOurSide.Transcript());

        Assert.True(verdict.IsValid, verdict.Error?.Code.Value + " " + verdict.Error?.Message);
        var document = Assert.Single(verdict.Value.Documents);
        Assert.Equal(DocType, document.DocType);
        Assert.True(JsonNode.DeepEquals(ExpectedDisclosed(), MdocOurSide.Elements(verdict.Value, MdlNameSpace)), MdocOurSide.Elements(verdict.Value, MdlNameSpace).ToJsonString());
        Assert.False(document.Elements.ContainsKey(DomesticNameSpace));
        Assert.Equal(MdocDeviceAuthenticationKind.Signature, document.DeviceAuthentication);
    }

    [Fact]
    public async Task TheirDeviceResponse_OurVerifierWithDefaultTrust_Accepts()
    {
        // MdocVerifierOptions.TrustAnchors alone (chain building to the IACA, no profile checks).
        var theirs = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        using var iaca = MdocCertificates.ParsePem((string)theirs["iacaPem"]!);
        var response = Convert.FromHexString((string)theirs["deviceResponseHex"]!);

        var verdict = MdocOurSide.DefaultVerifier(iaca).Verify(response, MdocOurSide.Transcript());

        Assert.True(verdict.IsValid, verdict.Error?.Code.Value + " " + verdict.Error?.Message);
        Assert.True(JsonNode.DeepEquals(ExpectedDisclosed(), MdocOurSide.Elements(verdict.Value, MdlNameSpace)));
    }

    [Fact]
    public async Task TheirDeviceResponse_ByteFlippedInsideAnItemValue_OurVerifierFailsWithDigestMismatch()
    {
        var theirs = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        using var iaca = MdocCertificates.ParsePem((string)theirs["iacaPem"]!);
        var tampered = TamperFamilyName(Convert.FromHexString((string)theirs["deviceResponseHex"]!));

        var verdict = MdocOurSide.Verifier(iaca).Verify(tampered, MdocOurSide.Transcript());

        Assert.False(verdict.IsValid);
        Assert.Equal(MdocErrors.DigestMismatch, verdict.Error.Code);
    }

    [Fact]
    public async Task TheirDeviceResponse_AnotherNonce_OurVerifierFailsWithInvalidDeviceSignature()
    {
        var theirs = await MdocJs.IssueAndPresentAsync(TheirIssuance("their-other-nonce"));
        using var iaca = MdocCertificates.ParsePem((string)theirs["iacaPem"]!);
        var response = Convert.FromHexString((string)theirs["deviceResponseHex"]!);

        var verdict = MdocOurSide.Verifier(iaca).Verify(response, MdocOurSide.Transcript());

        Assert.False(verdict.IsValid);
        Assert.Equal(MdocErrors.InvalidDeviceSignature, verdict.Error.Code);
    }

    [Fact]
    public async Task TheirDeviceResponse_OurVerifierTrustingAnotherIaca_FailsAsUntrusted()
    {
        var theirs = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        using var ours = MdocOurSide.Create();
        var response = Convert.FromHexString((string)theirs["deviceResponseHex"]!);

        var verdict = MdocOurSide.Verifier(ours.Iaca).Verify(response, MdocOurSide.Transcript());

        Assert.False(verdict.IsValid);
        Assert.Equal(VerificationFailureKind.UntrustedIssuer, verdict.Error.Code.Kind);
    }

    [Fact]
    public async Task TheirIssuance_OurHolderPresents_BothVerifiersAccept()
    {
        var theirs = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        using var iaca = MdocCertificates.ParsePem((string)theirs["iacaPem"]!);
        var read = IssuerSigned.Read(Convert.FromHexString((string)theirs["issuerSignedHex"]!));
        Assert.True(read.IsValid, read.Error?.Code.Value);
        using var deviceKey = SigningKey.FromJwk(Jwk.Parse(theirs["devicePrivateJwk"]!.ToJsonString()));

        var response = await MdocOurSide.PresentAsync(read.Value, deviceKey);
        var ourVerdict = MdocOurSide.Verifier(iaca).Verify(response, MdocOurSide.Transcript());
        var theirVerdict = await MdocJs.VerifyAsync(response, [(string)theirs["iacaPem"]!], ClientId, Nonce, ResponseUri);

        Assert.True(ourVerdict.IsValid, ourVerdict.Error?.Code.Value);
        Assert.True((bool?)theirVerdict["ok"], theirVerdict.ToJsonString());
        Assert.True(JsonNode.DeepEquals(ExpectedDisclosed(), MdocJs.Elements(theirVerdict, MdlNameSpace)));
        Assert.True(JsonNode.DeepEquals(ExpectedDisclosed(), MdocOurSide.Elements(ourVerdict.Value, MdlNameSpace)));
    }
}
