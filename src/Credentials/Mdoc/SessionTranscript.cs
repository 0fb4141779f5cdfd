using System;
using System.Formats.Cbor;
using System.Security.Cryptography;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// The SessionTranscript that binds a device signature or MAC to one session (ISO/IEC 18013-5 §9.1.5.1): the
/// encoded array <c>[DeviceEngagementBytes, EReaderKeyBytes, Handover]</c>, built here for OpenID4VP (OpenID4VP 1.0
/// Appendix B.2.6) or taken as encoded for ISO proximity flows.
/// </summary>
public sealed class SessionTranscript
{
    private SessionTranscript(byte[] encoded)
    {
        Encoded = encoded;
        var writer = MdocValue.NewWriter(encoded.Length + 8);
        writer.WriteTag(CborTag.EncodedCborDataItem);
        writer.WriteByteString(encoded);
        TaggedBytes = writer.Encode();
    }

    /// <summary>The encoded SessionTranscript (the CBOR array; it is embedded as is in DeviceAuthentication).</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary><c>SessionTranscriptBytes</c> = <c>#6.24(bstr .cbor SessionTranscript)</c>: its SHA-256 is the HKDF salt of the session and MAC keys (§9.1.5.1, §9.2.1.4).</summary>
    public ReadOnlyMemory<byte> TaggedBytes { get; }

    /// <summary>
    /// The transcript of an OpenID4VP presentation over redirects (OpenID4VP 1.0 Appendix B.2.6.1):
    /// <c>[null, null, ["OpenID4VPHandover", SHA-256([clientId, nonce, jwkThumbprint, responseUri])]]</c>.
    /// </summary>
    /// <param name="clientId">The verifier's client identifier, with its prefix (for example <c>x509_san_dns:example.com</c>).</param>
    /// <param name="nonce">The request's nonce.</param>
    /// <param name="jwkThumbprint">The SHA-256 JWK thumbprint (RFC 7638) of the verifier's response encryption key when the response is encrypted; otherwise null.</param>
    /// <param name="responseUri">The <c>response_uri</c> (or <c>redirect_uri</c>) of the request.</param>
    public static SessionTranscript ForOpenId4Vp(string clientId, string nonce, byte[]? jwkThumbprint, string responseUri)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(responseUri);
        var info = MdocValue.NewWriter();
        info.WriteStartArray(4);
        info.WriteTextString(clientId);
        info.WriteTextString(nonce);
        WriteThumbprint(info, jwkThumbprint);
        info.WriteTextString(responseUri);
        info.WriteEndArray();
        return FromHandover("OpenID4VPHandover", info.Encode());
    }

    /// <summary>
    /// The transcript of an OpenID4VP presentation over the Digital Credentials API (OpenID4VP 1.0 Appendix B.2.6.2):
    /// <c>[null, null, ["OpenID4VPDCAPIHandover", SHA-256([origin, nonce, jwkThumbprint])]]</c>.
    /// </summary>
    /// <param name="origin">The web origin of the request, for example <c>https://example.com</c> (without an <c>origin:</c> prefix).</param>
    /// <param name="nonce">The request's nonce.</param>
    /// <param name="jwkThumbprint">The SHA-256 JWK thumbprint of the verifier's response encryption key when the response is encrypted (<c>dc_api.jwt</c>); otherwise null.</param>
    public static SessionTranscript ForDigitalCredentialsApi(string origin, string nonce, byte[]? jwkThumbprint)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(nonce);
        var info = MdocValue.NewWriter();
        info.WriteStartArray(3);
        info.WriteTextString(origin);
        info.WriteTextString(nonce);
        WriteThumbprint(info, jwkThumbprint);
        info.WriteEndArray();
        return FromHandover("OpenID4VPDCAPIHandover", info.Encode());
    }

    /// <summary>
    /// A transcript already encoded, for example the ISO/IEC 18013-5 proximity transcript
    /// <c>[DeviceEngagementBytes, EReaderKeyBytes, Handover]</c>. Either the array or <c>SessionTranscriptBytes</c>
    /// (tag 24 around it) is accepted.
    /// </summary>
    /// <param name="encoded">The encoded transcript.</param>
    /// <exception cref="ArgumentException">The bytes are not one well-formed CBOR array (or tag 24 around one).</exception>
    public static SessionTranscript FromEncoded(ReadOnlyMemory<byte> encoded)
    {
        var result = StrictCbor.Guard(() =>
        {
            var reader = StrictCbor.CreateReader(encoded);
            var body = encoded;
            if (reader.PeekState() == CborReaderState.Tag)
            {
                body = StrictCbor.ReadTag24(reader, "SessionTranscriptBytes");
                if (reader.BytesRemaining != 0)
                {
                    throw StrictCbor.Malformed("The transcript has trailing bytes.");
                }

                reader = StrictCbor.CreateReader(body);
            }

            if (reader.PeekState() != CborReaderState.StartArray)
            {
                throw StrictCbor.Malformed("The transcript is not an array.");
            }

            var options = MdocReaderOptions.Default;
            StrictCbor.SkipChecked(reader, body, 0, options.MaxDepth, options.MaxEntries);
            return reader.BytesRemaining == 0 ? body.ToArray() : throw StrictCbor.Malformed("The transcript has trailing bytes.");
        });
        return result.IsValid ? new SessionTranscript(result.Value) : throw new ArgumentException("The session transcript is not a well-formed CBOR array.", nameof(encoded));
    }

    private static void WriteThumbprint(CborWriter writer, byte[]? thumbprint)
    {
        if (thumbprint is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteByteString(thumbprint);
        }
    }

    private static SessionTranscript FromHandover(string name, byte[] info)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(info, hash);
        var writer = MdocValue.NewWriter(96);
        writer.WriteStartArray(3);
        writer.WriteNull();
        writer.WriteNull();
        writer.WriteStartArray(2);
        writer.WriteTextString(name);
        writer.WriteByteString(hash);
        writer.WriteEndArray();
        writer.WriteEndArray();
        return new SessionTranscript(writer.Encode());
    }

    /// <inheritdoc />
    public override string ToString() => $"SessionTranscript({Encoded.Length} bytes)";
}
