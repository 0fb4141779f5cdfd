using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;
using static Credentials.Interop.Tests.Mdoc.MdocScenario;

namespace Credentials.Interop.Tests.Mdoc;

/// <summary>
/// The peer against itself, before it is trusted to judge ours: <c>@animo-id/mdoc</c> issues and presents, and its
/// verifier accepts that DeviceResponse with exactly the presented elements and refuses the tampered copies. It also
/// pins the harness's OpenID4VP SessionTranscript to the example of OpenID4VP 1.0 Appendix B, since their library
/// only knows the pre-1.0 handovers and the scripts build the 1.0 one with their CBOR encoder.
/// </summary>
public sealed class MdocPeerHarnessTests
{
    [Fact]
    public async Task TheirIssuerAndVerifier_UntouchedResponse_AcceptedWithThePresentedElementsOnly()
    {
        var issued = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        var response = Convert.FromHexString((string)issued["deviceResponseHex"]!);

        var verdict = await MdocJs.VerifyAsync(response, [(string)issued["iacaPem"]!], ClientId, Nonce, ResponseUri);

        Assert.True((bool?)verdict["ok"], verdict.ToJsonString());
        Assert.Equal(DocType, (string?)verdict["documents"]?[0]?["docType"]);
        Assert.True(JsonNode.DeepEquals(ExpectedDisclosed(), MdocJs.Elements(verdict, MdlNameSpace)), verdict.ToJsonString());
        Assert.Null(verdict["documents"]?[0]?["elements"]?[DomesticNameSpace]);
    }

    [Fact]
    public async Task TheirVerifier_ByteFlippedInsideAnItemValue_RefusesOnDataIntegrity()
    {
        var issued = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        var tampered = TamperFamilyName(Convert.FromHexString((string)issued["deviceResponseHex"]!));

        var verdict = await MdocJs.VerifyAsync(tampered, [(string)issued["iacaPem"]!], ClientId, Nonce, ResponseUri);

        Assert.False((bool?)verdict["ok"], verdict.ToJsonString());
        Assert.Contains("DATA_INTEGRITY", MdocJs.FailedCategories(verdict));
    }

    [Fact]
    public async Task TheirVerifier_AnotherNonce_RefusesOnDeviceAuthentication()
    {
        var issued = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        var response = Convert.FromHexString((string)issued["deviceResponseHex"]!);

        var verdict = await MdocJs.VerifyAsync(response, [(string)issued["iacaPem"]!], ClientId, "another-nonce", ResponseUri);

        Assert.False((bool?)verdict["ok"], verdict.ToJsonString());
        Assert.Equal(["DEVICE_AUTH"], MdocJs.FailedCategories(verdict));
    }

    [Fact]
    public async Task TheirVerifier_AnotherIaca_RefusesOnIssuerAuthentication()
    {
        var issued = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        var other = await MdocJs.IssueAndPresentAsync(TheirIssuance());
        var response = Convert.FromHexString((string)issued["deviceResponseHex"]!);

        var verdict = await MdocJs.VerifyAsync(response, [(string)other["iacaPem"]!], ClientId, Nonce, ResponseUri);

        Assert.False((bool?)verdict["ok"], verdict.ToJsonString());
        Assert.Equal(["ISSUER_AUTH"], MdocJs.FailedCategories(verdict));
    }

    [Fact]
    public async Task HarnessSessionTranscript_OpenId4VpAppendixBExample_ReproducedByteForByte()
    {
        // OpenID4VP 1.0 Appendix B, "Handover and SessionTranscript Definitions", invocation via redirects: the inputs
        // and the SessionTranscript of the example (see /specs/vectors/mdoc in the conformance tests).
        var scenario = TheirIssuance();
        scenario["clientId"] = "x509_san_dns:example.com";
        scenario["nonce"] = "exc7gBkxjx1rdc9udRrveKvSsJIq80avlXeLHhGwqtA";
        scenario["jwkThumbprintHex"] = "4283ec927ae0f208daaa2d026a814f2b22dca52cf85ffa8f3f8626c6bd669047";
        scenario["responseUri"] = "https://example.com/response";

        var issued = await MdocJs.IssueAndPresentAsync(scenario);

        Assert.Equal(
            "83f6f682714f70656e494434565048616e646f7665725820048bc053c00442af9b8eed494cefdd9d95240d254b046b11b68013722aad38ac",
            (string?)issued["sessionTranscriptHex"]);
    }
}
