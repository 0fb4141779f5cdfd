using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;

namespace Credentials.Mdoc.Internal;

/// <summary>
/// Reader authentication (ISO/IEC 18013-5 §9.1.4): the readerAuth COSE_Sign1 of a DocRequest, with a detached payload
/// ReaderAuthenticationBytes, verified with the reader certificate (the x5chain leaf).
/// </summary>
internal static class ReaderAuthentication
{
    /// <summary>Verifies a readerAuth; returns null when it verifies. Trust in the reader certificate is the caller's.</summary>
    public static VerificationError? Verify(ReadOnlyMemory<byte> readerAuth, SessionTranscript transcript, ReadOnlySpan<byte> itemsRequestBytes, out X509Certificate2? readerCertificate)
    {
        readerCertificate = null;
        CoseMessage message;
        try
        {
            message = CoseMessage.Read(StrictCbor.CreateReader(readerAuth), readerAuth, MdocReaderOptions.Default.MaxCertificates, "The readerAuth");
        }
        catch (MdocFormatException ex)
        {
            return ex.ToError();
        }
        catch (Exception ex) when (ex is System.Formats.Cbor.CborContentException or InvalidOperationException)
        {
            return new VerificationError(MdocErrors.MalformedCbor, "The readerAuth is not well-formed CBOR.");
        }

        var algorithm = message.Algorithm is { } id ? CoseAlgorithmMap.ToJws(id) : null;
        if (algorithm is null)
        {
            return new VerificationError(MdocErrors.UnsupportedAlgorithm, "The readerAuth algorithm is not supported.");
        }

        if (message.Payload is not null || message.X5Chain.Count == 0)
        {
            return new VerificationError(MdocErrors.MalformedCbor, "The readerAuth must have a detached payload and an x5chain.");
        }

        try
        {
            readerCertificate = X509CertificateLoader.LoadCertificate(message.X5Chain[0].Span);
        }
        catch (CryptographicException)
        {
            return new VerificationError(MdocErrors.MissingCertificate, "The reader certificate cannot be read.");
        }

        var jwk = MdocVerifier.PublicJwkOf(readerCertificate);
        var key = jwk is null ? null : VerificationKey.FromJwk(jwk);
        if (key is null || !key.IsValid)
        {
            return new VerificationError(MdocErrors.UnsupportedAlgorithm, "The reader certificate's key is not a supported EC key.");
        }

        using var verificationKey = key.Value;
        var toVerify = CoseMessage.SigStructure(message.ProtectedHeader.Span, DeviceAuthentication.EncodeReader(transcript.Encoded.Span, itemsRequestBytes));
        return verificationKey.Verify(algorithm, toVerify, message.Signature.Span)
            ? null
            : new VerificationError(MdocErrors.InvalidReaderAuth, "The readerAuth signature does not verify with the reader certificate.");
    }
}
