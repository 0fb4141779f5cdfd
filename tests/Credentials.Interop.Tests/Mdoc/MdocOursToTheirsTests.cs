using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Mdoc;
using Xunit;
using static Credentials.Interop.Tests.Mdoc.MdocScenario;

namespace Credentials.Interop.Tests.Mdoc;

/// <summary>
/// Ours → theirs: our issuer (ES256, our IACA and document-signer certificates) and our holder make a DeviceResponse
/// bound to the OpenID4VP redirect session transcript; <c>@animo-id/mdoc</c>'s verifier, trusting our IACA, accepts
/// it with exactly the presented elements, and refuses a tampered copy and a response for another nonce — as ours does,
/// with our error codes.
/// </summary>
public sealed class MdocOursToTheirsTests
{
    [Fact]
    public async Task OurDeviceResponse_TheirVerifier_AcceptsWithTheSameElementsAsOurs()
    {
        using var ours = MdocOurSide.Create();
        var response = await MdocOurSide.PresentAsync(await ours.IssueAsync(), ours.DeviceKey);

        var theirs = await MdocJs.VerifyAsync(response, [ours.IacaPem], ClientId, Nonce, ResponseUri);
        var ourVerdict = MdocOurSide.Verifier(ours.Iaca).Verify(response, MdocOurSide.Transcript());

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Equal(DocType, (string?)theirs["documents"]?[0]?["docType"]);
        Assert.True(ourVerdict.IsValid, ourVerdict.Error?.Code.Value);
        var theirElements = MdocJs.Elements(theirs, MdlNameSpace);
        Assert.True(JsonNode.DeepEquals(ExpectedDisclosed(), theirElements), theirElements.ToJsonString());
        Assert.True(JsonNode.DeepEquals(theirElements, MdocOurSide.Elements(ourVerdict.Value, MdlNameSpace)));
        Assert.Null(theirs["documents"]?[0]?["elements"]?[DomesticNameSpace]);
    }

    [Fact]
    public async Task OurDeviceResponse_ByteFlippedInsideAnItemValue_BothRefuse()
    {
        using var ours = MdocOurSide.Create();
        var tampered = TamperFamilyName(await MdocOurSide.PresentAsync(await ours.IssueAsync(), ours.DeviceKey));

        var theirs = await MdocJs.VerifyAsync(tampered, [ours.IacaPem], ClientId, Nonce, ResponseUri);
        var ourVerdict = MdocOurSide.Verifier(ours.Iaca).Verify(tampered, MdocOurSide.Transcript());

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Contains("DATA_INTEGRITY", MdocJs.FailedCategories(theirs));
        Assert.False(ourVerdict.IsValid);
        Assert.Equal(MdocErrors.DigestMismatch, ourVerdict.Error.Code);
    }

    [Fact]
    public async Task OurDeviceResponse_VerifiedForAnotherNonce_BothRefuseTheDeviceSignature()
    {
        using var ours = MdocOurSide.Create();
        var response = await MdocOurSide.PresentAsync(await ours.IssueAsync(), ours.DeviceKey);

        var theirs = await MdocJs.VerifyAsync(response, [ours.IacaPem], ClientId, "another-nonce", ResponseUri);
        var ourVerdict = MdocOurSide.Verifier(ours.Iaca).Verify(response, MdocOurSide.Transcript("another-nonce"));

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Equal(["DEVICE_AUTH"], MdocJs.FailedCategories(theirs));
        Assert.False(ourVerdict.IsValid);
        Assert.Equal(MdocErrors.InvalidDeviceSignature, ourVerdict.Error.Code);
    }

    [Fact]
    public async Task OurDeviceResponse_TheirVerifierTrustingAnotherIaca_Refuses()
    {
        using var ours = MdocOurSide.Create();
        using var other = MdocOurSide.Create();
        var response = await MdocOurSide.PresentAsync(await ours.IssueAsync(), ours.DeviceKey);

        var theirs = await MdocJs.VerifyAsync(response, [other.IacaPem], ClientId, Nonce, ResponseUri);

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Equal(["ISSUER_AUTH"], MdocJs.FailedCategories(theirs));
    }

    [Fact]
    public async Task SessionTranscript_OurForOpenId4Vp_SameBytesAsThePeerHarness()
    {
        // Both directions rely on the two sides building the same SessionTranscript from the request's values.
        var issued = await MdocJs.IssueAndPresentAsync(TheirIssuance());

        Assert.Equal((string?)issued["sessionTranscriptHex"], Convert.ToHexStringLower(MdocOurSide.Transcript().Encoded.Span));
    }
}
