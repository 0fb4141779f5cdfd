using System;
using System.Security.Cryptography;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys.Kms;

public sealed class EcdsaSignatureEncodingTests
{
    [Fact]
    public void DerToJose_ShortIntegers_AreLeftPaddedToTheFieldSize()
    {
        // SEQUENCE { INTEGER 1, INTEGER 0x0203 }
        byte[] der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x02, 0x03];

        var jose = EcdsaSignatureEncoding.DerToJose(der, JwsAlgorithm.Es384);

        Assert.Equal(96, jose.Length);
        Assert.Equal(0x01, jose[47]);
        Assert.All(jose[..47], b => Assert.Equal(0, b));
        Assert.Equal(new byte[] { 0x02, 0x03 }, jose[94..]);
        Assert.All(jose[48..94], b => Assert.Equal(0, b));
    }

    [Fact]
    public void DerToJose_IntegerWithSignPaddingByte_TakesTheFullFieldWidth()
    {
        var r = Filled(0xFF, 32);
        var der = Der(Int([0x00, .. r]), Int([0x7F, .. Filled(0x11, 31)]));

        var jose = EcdsaSignatureEncoding.DerToJose(der, JwsAlgorithm.Es256);

        Assert.Equal(r, jose[..32]);
        Assert.Equal(0x7F, jose[32]);
    }

    [Fact]
    public void DerToJose_Es256K_UsesThe32ByteField()
    {
        Assert.Equal(64, EcdsaSignatureEncoding.DerToJose(Der(Int([5]), Int([6])), JwsAlgorithm.Es256K).Length);
    }

    [Fact]
    public void DerToJose_EdDsa_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => EcdsaSignatureEncoding.DerToJose(Der(Int([5]), Int([6])), JwsAlgorithm.EdDsa));
        Assert.Throws<ArgumentNullException>(() => EcdsaSignatureEncoding.DerToJose(Der(Int([5]), Int([6])), null!));
    }

    public static TheoryData<string, byte[]> MalformedDer => new()
    {
        { "empty", [] },
        { "trailing byte after the sequence", [.. Der(Int([1]), Int([2])), 0x00] },
        { "third integer", Der(Int([1]), Int([2]), Int([3])) },
        { "only r", Der(Int([1])) },
        { "negative r", Der(Int([0x80]), Int([2])) },
        { "negative s", Der(Int([1]), Int([0xFF, 0x01])) },
        { "non-minimal integer (leading zero)", Der(Int([0x00, 0x01]), Int([2])) },
        { "non-minimal integer (leading 0xFF)", Der(Int([0xFF, 0x80]), Int([2])) },
        { "zero r", Der(Int([0x00]), Int([2])) },
        { "zero s", Der(Int([1]), Int([0x00])) },
        { "r wider than the field", Der(Int([0x01, .. Filled(0x22, 32)]), Int([2])) },
        { "r wider than the field after the sign byte", Der(Int([0x00, 0x80, .. Filled(0x22, 32)]), Int([2])) },
        { "non-minimal length", [0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02] },
        { "indefinite length (BER)", [0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x00, 0x00] },
        { "length beyond the data", [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02] },
        { "a SET, not a SEQUENCE", [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02] },
        { "OCTET STRING in place of r", [0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x02] },
        { "a JOSE signature passed as DER", Filled(0x30, 64) },
    };

    [Theory]
    [MemberData(nameof(MalformedDer))]
    public void DerToJose_Malformed_IsACryptographicError(string because, byte[] der)
    {
        Assert.NotNull(because);
        Assert.Throws<CryptographicException>(() => EcdsaSignatureEncoding.DerToJose(der, JwsAlgorithm.Es256));
    }

    [Fact]
    public void DerToJose_P384SignatureReadAsEs256_IsRefusedNotTruncated()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        byte[] data = [1, 2, 3];
        // A P-384 r or s has 48 significant bytes except with probability about 2^-8 per value: retry until both do.
        byte[] der;
        do
        {
            der = ecdsa.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence);
        }
        while (der.Length < 100);

        Assert.Throws<CryptographicException>(() => EcdsaSignatureEncoding.DerToJose(der, JwsAlgorithm.Es256));
        Assert.Equal(96, EcdsaSignatureEncoding.DerToJose(der, JwsAlgorithm.Es384).Length);
    }

    [Fact]
    public void JoseToDer_StripsLeadingZerosAndAddsTheSignByte()
    {
        byte[] jose = [.. new byte[31], 0x01, 0x80, .. Filled(0x01, 31)];

        var der = EcdsaSignatureEncoding.JoseToDer(jose);

        Assert.Equal(Der(Int([0x01]), Int([0x00, 0x80, .. Filled(0x01, 31)])), der);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(134)]
    public void JoseToDer_WrongLength_IsACryptographicError(int length)
    {
        Assert.Throws<CryptographicException>(() => EcdsaSignatureEncoding.JoseToDer(Filled(0x01, length)));
    }

    [Fact]
    public void JoseToDer_ZeroHalf_IsACryptographicError()
    {
        Assert.Throws<CryptographicException>(() => EcdsaSignatureEncoding.JoseToDer([.. new byte[32], .. Filled(0x01, 32)]));
        Assert.Throws<CryptographicException>(() => EcdsaSignatureEncoding.JoseToDer([.. Filled(0x01, 48), .. new byte[48]]));
    }

    [Fact]
    public void JoseToDer_P521Width_IsAccepted()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        byte[] data = [4, 5, 6];
        var jose = ecdsa.SignData(data, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var der = EcdsaSignatureEncoding.JoseToDer(jose);

        Assert.Equal(132, jose.Length);
        Assert.True(ecdsa.VerifyData(data, der, HashAlgorithmName.SHA512, DSASignatureFormat.Rfc3279DerSequence));
    }

    internal static byte[] Filled(byte value, int length)
    {
        var bytes = new byte[length];
        bytes.AsSpan().Fill(value);
        return bytes;
    }

    internal static byte[] Int(byte[] content) => [0x02, (byte)content.Length, .. content];

    internal static byte[] Der(params byte[][] parts)
    {
        byte[] content = [];
        foreach (var part in parts)
        {
            content = [.. content, .. part];
        }

        return content.Length < 0x80 ? [0x30, (byte)content.Length, .. content] : [0x30, 0x81, (byte)content.Length, .. content];
    }
}
