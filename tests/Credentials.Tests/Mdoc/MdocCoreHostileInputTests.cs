using System;
using System.Linq;
using Credentials.Mdoc;
using Xunit;

namespace Credentials.Tests.Mdoc;

/// <summary>Strict decoding: duplicate keys, indefinite lengths, depth and size limits, garbage; never an exception.</summary>
public sealed class MdocCoreHostileInputTests
{
    private static readonly SessionTranscript s_transcript = SessionTranscript.ForOpenId4Vp("x509_san_dns:v.example", "n", null, "https://v.example/r");

    [Theory]
    [InlineData("A2616101616102", "mdoc.duplicate_key")]
    [InlineData("9F01FF", "mdoc.indefinite_length")]
    [InlineData("7F6161FF", "mdoc.indefinite_length")]
    [InlineData("BF616101FF", "mdoc.indefinite_length")]
    [InlineData("A1", "mdoc.malformed_cbor")]
    [InlineData("0101", "mdoc.malformed_cbor")]
    public void ValueRead_RefusesHostileCbor(string hex, string code)
    {
        var result = MdocValue.Read(Convert.FromHexString(hex));

        Assert.Equal(code, result.Error?.Code.Value);
    }

    [Fact]
    public void ValueRead_TooDeep_IsLimitExceeded()
    {
        var bytes = Enumerable.Repeat((byte)0x81, 40).Append((byte)0x01).ToArray();

        Assert.Equal(MdocErrors.LimitExceeded, MdocValue.Read(bytes).Error?.Code);
    }

    [Fact]
    public void DeviceResponseRead_DuplicateTopLevelKey_IsDuplicateKey()
    {
        // {"version": "1.0", "version": "1.0", "status": 0}
        var bytes = Convert.FromHexString("A36776657273696F6E63312E306776657273696F6E63312E3066737461747573 00".Replace(" ", string.Empty, StringComparison.Ordinal));

        Assert.Equal(MdocErrors.DuplicateKey, DeviceResponse.Read(bytes).Error?.Code);
    }

    [Fact]
    public void DeviceResponseRead_IndefiniteMap_IsIndefiniteLength()
    {
        var bytes = Convert.FromHexString("BF6776657273696F6E63312E306673746174757300FF");

        Assert.Equal(MdocErrors.IndefiniteLength, DeviceResponse.Read(bytes).Error?.Code);
    }

    [Fact]
    public void DeviceResponseRead_WrongVersion_IsUnsupportedVersion()
    {
        var bytes = Convert.FromHexString("A26776657273696F6E63322E306673746174757300");

        Assert.Equal(MdocErrors.UnsupportedVersion, DeviceResponse.Read(bytes).Error?.Code);
    }

    [Fact]
    public void Read_LargerThanTheLimit_IsLimitExceeded()
    {
        var bytes = new byte[100];

        Assert.Equal(MdocErrors.LimitExceeded, IssuerSigned.Read(bytes, new MdocReaderOptions { MaxBytes = 64 }).Error?.Code);
        Assert.Equal(MdocErrors.LimitExceeded, DeviceResponse.Read(bytes, new MdocReaderOptions { MaxBytes = 64 }).Error?.Code);
    }

    [Fact]
    public void Verify_NoDocuments_IsNoDocuments()
    {
        var verifier = new MdocVerifier(new MdocVerifierOptions());
        var result = verifier.Verify(Convert.FromHexString("A26776657273696F6E63312E306673746174757300"), s_transcript);

        Assert.Equal(MdocErrors.NoDocuments, result.Error?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("FF")]
    [InlineData("A0")]
    [InlineData("D818")]
    [InlineData("5AFFFFFFFF")]
    public void Verify_Garbage_IsAStructureErrorNeverAnException(string hex)
    {
        var verifier = new MdocVerifier(new MdocVerifierOptions());

        var result = verifier.Verify(Convert.FromHexString(hex), s_transcript);

        Assert.False(result.IsValid);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(MdocCheckKind.Structure));
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
        Assert.False(verifier.VerifyIssuerSigned(Convert.FromHexString(hex)).IsValid);
    }
}
