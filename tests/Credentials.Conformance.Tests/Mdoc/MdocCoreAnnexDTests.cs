using System;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Mdoc;
using Credentials.Mdoc.Internal;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Conformance.Tests.Mdoc;

/// <summary>
/// The ISO/IEC 18013-5:2021 Annex D worked example: session keys, session encryption, reader authentication, and the
/// DeviceResponse (issuer signature with the pinned DS certificate, six digests, validity at 2021-01-01, device MAC).
/// </summary>
public sealed class MdocCoreAnnexDTests
{
    private static readonly DateTimeOffset s_clock = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SessionTranscript s_transcript = SessionTranscript.FromEncoded(MdocCoreVectors.AnnexD("session_transcript_bytes.hex"));

    private static MdocVerifierOptions Options(bool withReaderKey = true) => new()
    {
        TrustedDocumentSigners = [X509CertificateLoader.LoadCertificate(MdocCoreVectors.AnnexD("ds_cert.der.hex"))],
        TimeProvider = new FakeTimeProvider(s_clock),
        ReaderEphemeralKey = withReaderKey ? MdocCoreVectors.AnnexDKey("ephemeral_reader_key", withPrivate: true) : null,
    };

    [Fact]
    public void SessionTranscriptBytes_AreTheTag24OfTheTranscript_AndHashToTheSalt()
    {
        Assert.Equal(MdocCoreVectors.AnnexD("session_transcript_bytes.hex"), s_transcript.TaggedBytes.ToArray());
        Assert.Equal(MdocCoreVectors.DerivedHex("session_transcript_sha256_salt"), SHA256.HashData(s_transcript.TaggedBytes.Span));
    }

    [Fact]
    public void SessionKeys_AreDerivedFromBothSides()
    {
        using var device = MdocSessionCrypto.ImportPrivate(MdocCoreVectors.AnnexDKey("ephemeral_device_key", true));
        using var reader = MdocSessionCrypto.ImportPrivate(MdocCoreVectors.AnnexDKey("ephemeral_reader_key", true));
        var zDevice = MdocSessionCrypto.Agree(device, MdocCoreVectors.AnnexDKey("ephemeral_reader_key", false));
        var zReader = MdocSessionCrypto.Agree(reader, MdocCoreVectors.AnnexDKey("ephemeral_device_key", false));

        Assert.Equal(MdocCoreVectors.DerivedHex("zab_ecdh_edevice_ereader"), zDevice);
        Assert.Equal(zDevice, zReader);
        Assert.Equal(MdocCoreVectors.DerivedHex("sk_reader"), MdocSessionCrypto.Derive(zDevice, s_transcript, "SKReader"));
        Assert.Equal(MdocCoreVectors.DerivedHex("sk_device"), MdocSessionCrypto.Derive(zDevice, s_transcript, "SKDevice"));
        Assert.Equal(MdocCoreVectors.DerivedHex("iv_reader_msg1"), MdocSessionCrypto.Iv(fromDevice: false, 1));
        Assert.Equal(MdocCoreVectors.DerivedHex("iv_device_msg1"), MdocSessionCrypto.Iv(fromDevice: true, 1));
    }

    [Fact]
    public void EMacKey_IsDerivedFromTheStaticDeviceKeyAndTheReaderKey()
    {
        using var reader = MdocSessionCrypto.ImportPrivate(MdocCoreVectors.AnnexDKey("ephemeral_reader_key", true));

        Assert.Equal(MdocCoreVectors.DerivedHex("zab_ecdh_sdevice_ereader"), MdocSessionCrypto.Agree(reader, MdocCoreVectors.AnnexDKey("static_device_key", false)));
        Assert.Equal(MdocCoreVectors.DerivedHex("emac_key"), MdocSessionCrypto.DeriveEMacKey(reader, MdocCoreVectors.AnnexDKey("static_device_key", false), s_transcript));
    }

    [Fact]
    public void SessionEstablishment_DecryptsToTheDeviceRequest_AndSessionData_ToTheDeviceResponse()
    {
        var skReader = MdocCoreVectors.DerivedHex("sk_reader");
        var skDevice = MdocCoreVectors.DerivedHex("sk_device");

        var request = MdocSessionCrypto.Decrypt(skReader, MdocSessionCrypto.Iv(false, 1), DataOf(MdocCoreVectors.AnnexD("session_establishment.hex")));
        var response = MdocSessionCrypto.Decrypt(skDevice, MdocSessionCrypto.Iv(true, 1), DataOf(MdocCoreVectors.AnnexD("session_data.hex")));

        Assert.Equal(MdocCoreVectors.AnnexD("device_request.hex"), request);
        Assert.Equal(MdocCoreVectors.AnnexD("device_response.hex"), response);

        // Encryption is the inverse, and a wrong counter does not authenticate.
        Assert.Equal(DataOf(MdocCoreVectors.AnnexD("session_data.hex")), MdocSessionCrypto.Encrypt(skDevice, MdocSessionCrypto.Iv(true, 1), response));
        Assert.Null(MdocSessionCrypto.Decrypt(skDevice, MdocSessionCrypto.Iv(true, 2), DataOf(MdocCoreVectors.AnnexD("session_data.hex"))));
    }

    [Fact]
    public void ReaderAuth_VerifiesWithTheReaderCertificate_OverReaderAuthenticationBytes()
    {
        var (itemsRequestBytes, readerAuth) = FirstDocRequest(MdocCoreVectors.AnnexD("device_request.hex"));

        Assert.Equal(MdocCoreVectors.AnnexD("items_request.hex"), Unwrap(itemsRequestBytes));
        Assert.Equal(MdocCoreVectors.AnnexD("reader_auth.hex"), readerAuth);
        Assert.Equal(MdocCoreVectors.DerivedHex("reader_authentication_bytes"), DeviceAuthentication.EncodeReader(s_transcript.Encoded.Span, itemsRequestBytes));
        Assert.Null(ReaderAuthentication.Verify(readerAuth, s_transcript, itemsRequestBytes, out var certificate));
        Assert.Equal(MdocCoreVectors.AnnexD("reader_cert.der.hex"), certificate!.RawData);

        // Another transcript does not verify.
        var other = SessionTranscript.ForOpenId4Vp("x509_san_dns:example.com", "n", null, "https://example.com");
        Assert.Equal(MdocErrors.InvalidReaderAuth, ReaderAuthentication.Verify(readerAuth, other, itemsRequestBytes, out _)?.Code);
    }

    [Fact]
    public void DeviceResponse_Verifies_IssuerSignatureDigestsValidityAndDeviceMac()
    {
        var result = new MdocVerifier(Options()).Verify(MdocCoreVectors.AnnexD("device_response.hex"), s_transcript);

        Assert.True(result.IsValid, result.Error?.ToString());
        var document = Assert.Single(result.Value.Documents);
        Assert.Equal(MdocDocTypes.Mdl, document.DocType);
        Assert.Equal(MdocDeviceAuthenticationKind.Mac, document.DeviceAuthentication);
        Assert.Equal(["family_name", "issue_date", "expiry_date", "document_number", "portrait", "driving_privileges"], document.Elements[MdocNamespaces.Mdl].Keys);
        Assert.True(document.TryGetElement(MdocNamespaces.Mdl, "family_name", out var familyName));
        Assert.True(familyName.TryGetString(out var name));
        Assert.Equal("Doe", name);
        Assert.True(document.TryGetElement(MdocNamespaces.Mdl, "portrait", out var portrait));
        Assert.True(portrait.TryGetBytes(out var jpeg));
        Assert.Equal(MdocCoreVectors.AnnexD("portrait.jpg.hex"), jpeg.ToArray());
        Assert.Equal(new DateTimeOffset(2020, 10, 1, 13, 30, 2, TimeSpan.Zero), document.MobileSecurityObject.ValidityInfo.ValidFrom);
        Assert.Equal(MdocCoreVectors.AnnexDKey("static_device_key", false), document.MobileSecurityObject.DeviceKey);
    }

    [Fact]
    public void DeviceResponse_StructuresReproduceTheDerivedBytes()
    {
        var response = DeviceResponse.Read(MdocCoreVectors.AnnexD("device_response.hex")).Value;
        var document = Assert.Single(response.Documents);

        Assert.Equal(MdocCoreVectors.DerivedHex("mobile_security_object_bytes"), document.IssuerSigned.MobileSecurityObject.Encoded.ToArray());
        Assert.Equal(MdocCoreVectors.DerivedHex("device_authentication_bytes"), DeviceAuthentication.Encode(s_transcript.Encoded.Span, document.DocType, document.DeviceSigned!.NameSpacesBytes.Span));
        Assert.Equal(MdocCoreVectors.DerivedHex("device_mac_tag"), document.DeviceSigned.MacMessage!.Signature.ToArray());
        Assert.Equal(MdocCoreVectors.AnnexD("device_response.hex"), response.Encode());
    }

    [Fact]
    public void DeviceResponse_WithoutReaderKey_IsDeviceMacUnsupported()
    {
        var result = new MdocVerifier(Options(withReaderKey: false)).Verify(MdocCoreVectors.AnnexD("device_response.hex"), s_transcript);

        Assert.Equal(MdocErrors.DeviceMacUnsupported, result.Error?.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(MdocCheckKind.Digests));
    }

    [Fact]
    public void DeviceResponse_OtherTranscript_IsInvalidDeviceMac()
    {
        var other = SessionTranscript.ForOpenId4Vp("x509_san_dns:example.com", "n", null, "https://example.com");

        Assert.Equal(MdocErrors.InvalidDeviceMac, new MdocVerifier(Options()).Verify(MdocCoreVectors.AnnexD("device_response.hex"), other).Error?.Code);
    }

    [Fact]
    public void DeviceResponse_AtTodaysDate_IsExpired()
    {
        var options = Options() with { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2021, 10, 2, 0, 0, 0, TimeSpan.Zero)) };

        var result = new MdocVerifier(options).Verify(MdocCoreVectors.AnnexD("device_response.hex"), s_transcript);

        Assert.Equal(Credentials.Mdoc.Certificates.MdocCertificateErrors.Expired, result.Error?.Code);
    }

    [Fact]
    public void DeviceResponse_WithoutTrustInput_IsUntrustedIssuer()
    {
        var options = Options() with { TrustedDocumentSigners = [] };

        Assert.Equal(MdocErrors.UntrustedIssuer, new MdocVerifier(options).Verify(MdocCoreVectors.AnnexD("device_response.hex"), s_transcript).Error?.Code);
    }

    [Fact]
    public void DeviceResponse_OneFlippedByteInAnItem_IsDigestMismatch()
    {
        var bytes = MdocCoreVectors.AnnexD("device_response.hex");
        var index = bytes.AsSpan().IndexOf("Doe"u8);
        bytes[index] = (byte)'X';

        var result = new MdocVerifier(Options()).Verify(bytes, s_transcript);

        Assert.Equal(MdocErrors.DigestMismatch, result.Error?.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(MdocCheckKind.IssuerSignature));
    }

    [Fact]
    public void DeviceResponse_OneFlippedByteInTheMso_IsInvalidIssuerSignature()
    {
        var bytes = MdocCoreVectors.AnnexD("device_response.hex");
        var index = bytes.AsSpan().IndexOf("2021-10-01T13:30:02Z"u8);
        bytes[index + 3] = (byte)'5';

        Assert.Equal(MdocErrors.InvalidIssuerSignature, new MdocVerifier(Options()).Verify(bytes, s_transcript).Error?.Code);
    }

    private static byte[] DataOf(byte[] sessionMessage)
    {
        var reader = new CborReader(sessionMessage);
        var count = reader.ReadStartMap();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadTextString();
            if (key == "data")
            {
                return reader.ReadByteString();
            }

            reader.SkipValue();
        }

        throw new InvalidOperationException("no data");
    }

    private static (byte[] ItemsRequestBytes, byte[] ReaderAuth) FirstDocRequest(byte[] deviceRequest)
    {
        var reader = new CborReader(deviceRequest);
        var count = reader.ReadStartMap();
        for (var i = 0; i < count; i++)
        {
            if (reader.ReadTextString() != "docRequests")
            {
                reader.SkipValue();
                continue;
            }

            reader.ReadStartArray();
            var n = reader.ReadStartMap();
            byte[]? items = null;
            byte[]? auth = null;
            for (var j = 0; j < n; j++)
            {
                var key = reader.ReadTextString();
                var value = reader.ReadEncodedValue().ToArray();
                if (key == "itemsRequest")
                {
                    items = value;
                }
                else if (key == "readerAuth")
                {
                    auth = value;
                }
            }

            return (items!, auth!);
        }

        throw new InvalidOperationException("no docRequests");
    }

    private static byte[] Unwrap(byte[] tag24)
    {
        var reader = new CborReader(tag24);
        reader.ReadTag();
        return reader.ReadByteString();
    }
}
