using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Xunit;
using static Credentials.Interop.Tests.Mdoc.MdocScenario;

namespace Credentials.Interop.Tests.Mdoc;

/// <summary>
/// Where <c>@animo-id/mdoc</c> 0.5.2's <c>Verifier.verifyDeviceResponse</c> accepts what ours refuses, pinned so that a
/// change on their side shows up here (see README.md, "mdoc against @animo-id/mdoc"). Nothing in our code is bent to
/// match theirs.
/// </summary>
public sealed class MdocTheirVerifierGapsTests
{
    [Fact]
    public async Task DuplicateMapKeyInTheDeviceResponse_TheirsAcceptsOursFailsWithDuplicateKey()
    {
        // RFC 8949 section 5.6: a map with duplicate keys is not valid CBOR; their decoder keeps the last value. The
        // copy repeats "status" at the DeviceResponse's top level (outside every signature).
        using var ours = MdocOurSide.Create();
        var response = await MdocOurSide.PresentAsync(await ours.IssueAsync(), ours.DeviceKey);
        var duplicated = WithDuplicateStatus(response);

        var theirs = await MdocJs.VerifyAsync(duplicated, [ours.IacaPem], ClientId, Nonce, ResponseUri);
        var ourVerdict = MdocOurSide.Verifier(ours.Iaca).Verify(duplicated, MdocOurSide.Transcript());

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.False(ourVerdict.IsValid);
        Assert.Equal(MdocErrors.DuplicateKey, ourVerdict.Error.Code);
    }

    [Fact]
    public async Task DocumentSignerWithoutItsExtendedKeyUsage_TheirsAcceptsOursFailsWithExtendedKeyUsage()
    {
        // ISO/IEC 18013-5 Annex B: a document-signer certificate carries the extended key usage 1.0.18013.5.1.2. Their
        // verifier hands the chain to the caller's x509.validateCertificateChain and checks no certificate profile
        // itself; the harness's callback, like most, checks names, signatures, validity and the CA flag only.
        var scenario = TheirIssuance();
        scenario["withoutDocumentSignerEku"] = true;
        var issued = await MdocJs.IssueAndPresentAsync(scenario);
        using var iaca = MdocCertificates.ParsePem((string)issued["iacaPem"]!);
        var response = Convert.FromHexString((string)issued["deviceResponseHex"]!);

        var theirs = await MdocJs.VerifyAsync(response, [(string)issued["iacaPem"]!], ClientId, Nonce, ResponseUri);
        var ourVerdict = MdocOurSide.Verifier(iaca).Verify(response, MdocOurSide.Transcript());

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.False(ourVerdict.IsValid);
        Assert.Equal(MdocCertificateErrors.ExtendedKeyUsage, ourVerdict.Error.Code);
    }

    // The DeviceResponse map {version, documents, status} with one more "status": 0 entry. Handles both a one-byte
    // map header (0xa3, ours) and a two-byte one (0xb9 0x00 0x03, theirs).
    private static byte[] WithDuplicateStatus(byte[] response)
    {
        var extra = new byte[] { 0x66 }.Concat(Encoding.ASCII.GetBytes("status")).Append((byte)0x00).ToArray();
        if (response[0] == 0xa3)
        {
            return [0xa4, .. response.AsSpan(1), .. extra];
        }

        Assert.Equal(new byte[] { 0xb9, 0x00, 0x03 }, response[..3]);
        return [0xb9, 0x00, 0x04, .. response.AsSpan(3), .. extra];
    }
}
