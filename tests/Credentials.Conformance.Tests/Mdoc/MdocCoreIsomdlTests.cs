using System;
using System.Security.Cryptography;
using System.Text;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Internal;
using Xunit;

namespace Credentials.Conformance.Tests.Mdoc;

/// <summary>spruceid/isomdl test definitions: an independent IssuerSigned, its DeviceResponse sample, COSE_Sign1 and COSE_Mac0 samples.</summary>
public sealed class MdocCoreIsomdlTests
{
    private static byte[] Definition(params string[] path) => MdocCoreVectors.Hex(["isomdl-definitions", .. path]);

    [Fact]
    public void IssuerSigned_Decodes_AndReEncodesByteForByte()
    {
        var bytes = Definition("issuer_signed.cbor");

        var result = IssuerSigned.Read(bytes);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(MdocDocTypes.Mdl, result.Value.DocType);
        Assert.NotEmpty(result.Value.NameSpaces[MdocNamespaces.Mdl]);
        Assert.NotEmpty(result.Value.CertificateChain);
        Assert.Equal(bytes, result.Value.Encode());
    }

    [Fact]
    public void DeviceResponse_WithOneByteSalts_IsRefused()
    {
        // isomdl's sample uses 1-byte randoms; ISO/IEC 18013-5 §9.1.2.5 requires at least 16.
        Assert.Equal(MdocErrors.MalformedCbor, DeviceResponse.Read(Definition("device_response.cbor")).Error?.Code);
    }

    [Fact]
    public void CoseSign1_VerifiesWithItsKey_AndNotWhenTampered()
    {
        var bytes = Definition("cose", "sign1", "serialized.cbor");
        var message = CoseMessage.Read(StrictCbor.CreateReader(bytes), bytes, 8, "sample");
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Definition("cose", "sign1", "secret_key") });
        var q = ecdsa.ExportParameters(false).Q;
        using var key = VerificationKey.Create(new Jwk { Kty = "EC", Crv = "P-256", X = MdocCoreVectors.Base64UrlOf(q.X!), Y = MdocCoreVectors.Base64UrlOf(q.Y!) });

        Assert.Equal(-7, message.Algorithm);
        Assert.Equal("This is the content.", Encoding.UTF8.GetString(message.Payload!.Value.Span));
        Assert.True(key.Verify(JwsAlgorithm.Es256, CoseMessage.SigStructure(message.ProtectedHeader.Span, message.Payload.Value.Span), message.Signature.Span));
        Assert.False(key.Verify(JwsAlgorithm.Es256, CoseMessage.SigStructure(message.ProtectedHeader.Span, "This is the content!"u8), message.Signature.Span));
    }

    [Fact]
    public void CoseMac0_Decodes()
    {
        var bytes = Definition("cose", "mac0", "serialized.cbor");
        var message = CoseMessage.Read(StrictCbor.CreateReader(bytes), bytes, 8, "sample");

        Assert.Equal(CoseMessage.AlgHmac256, message.Algorithm);
        Assert.Equal("This is the content.", Encoding.UTF8.GetString(message.Payload!.Value.Span));
        Assert.Equal(32, message.Signature.Length);
        Assert.Equal(bytes, message.Encoded.ToArray());
    }
}
