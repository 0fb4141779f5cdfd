using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Diagnostics;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// Verifies mdoc DeviceResponses (ISO/IEC 18013-5 §9.3.1) and issuer-signed documents: strict decoding, the
/// document-signer chain, the MSO signature, every presented item's digest, the document type, the validity window and
/// the device signature or MAC over the session transcript. Never throws for bad input. Stateless apart from a short
/// cache of validated document-signer chains; thread-safe.
/// </summary>
public sealed class MdocVerifier
{
    private readonly MdocVerifierOptions _options;
    private readonly MdocCertificateValidator? _certificates;
    private readonly ECDiffieHellman? _readerKey;

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">Trust, algorithms, time and limits.</param>
    /// <exception cref="ArgumentException">The reader ephemeral key is not a private P-256 key.</exception>
    public MdocVerifier(MdocVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _certificates = options.CertificateValidator
            ?? (options.TrustAnchors.Count == 0 && options.TrustedDocumentSigners.Count == 0
                ? null
                : new MdocCertificateValidator(options.TrustAnchors, options.TrustedDocumentSigners, new MdocCertificateValidatorOptions { TimeProvider = options.TimeProvider }));
        if (options.ReaderEphemeralKey is { } reader)
        {
            _readerKey = MdocSessionCrypto.ImportPrivate(reader);
        }
    }

    /// <summary>Verifies an encoded DeviceResponse for a session.</summary>
    /// <param name="deviceResponse">The DeviceResponse CBOR as received.</param>
    /// <param name="transcript">The session transcript the verifier built for its own request.</param>
    public MdocVerificationResult Verify(ReadOnlyMemory<byte> deviceResponse, SessionTranscript transcript)
    {
        if (!Telemetry.VerificationObserved)
        {
            return VerifyCore(deviceResponse, transcript);
        }

        var scope = VerificationScope.Start(Telemetry.MdocVerifyActivity, Telemetry.MdocFormat);
        try
        {
            var result = VerifyCore(deviceResponse, transcript);
            scope.Complete(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            scope.Fail(ex);
            throw;
        }
    }

    private MdocVerificationResult VerifyCore(ReadOnlyMemory<byte> deviceResponse, SessionTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var checks = ImmutableArray.CreateBuilder<MdocVerificationCheck>();
        var read = DeviceResponse.Read(deviceResponse, _options.ReaderOptions);
        if (!read.IsValid)
        {
            return Fail(checks, MdocCheckKind.Structure, read.Error, -1);
        }

        checks.Add(new(MdocCheckKind.Structure, CheckOutcome.Passed));
        var response = read.Value;
        if (response.Documents.Count == 0)
        {
            return Fail(checks, MdocCheckKind.Structure, new VerificationError(MdocErrors.NoDocuments, "The DeviceResponse carries no document."), -1);
        }

        var now = _options.TimeProvider.GetUtcNow();
        var verified = new MdocVerifiedDocument[response.Documents.Count];
        for (var i = 0; i < response.Documents.Count; i++)
        {
            var document = response.Documents[i];
            var error = VerifyDocument(document.IssuerSigned, document.DocType, document.DeviceSigned, transcript, now, i, checks, out var result);
            if (error is not null)
            {
                return new MdocVerificationResult(null, error, checks.ToImmutable());
            }

            verified[i] = result!;
        }

        return new MdocVerificationResult(new MdocVerifiedResponse(verified, response.DocumentErrors, response.Status), null, checks.ToImmutable());
    }

    /// <summary>
    /// Verifies the issuer side of an encoded IssuerSigned (for a wallet importing an mdoc): structure, chain, MSO
    /// signature, digests, document type and validity. There is no session, so no device authentication.
    /// </summary>
    /// <param name="issuerSigned">The IssuerSigned CBOR as received.</param>
    public MdocVerificationResult VerifyIssuerSigned(ReadOnlyMemory<byte> issuerSigned)
    {
        if (!Telemetry.VerificationObserved)
        {
            return VerifyIssuerSignedCore(issuerSigned);
        }

        var scope = VerificationScope.Start(Telemetry.MdocVerifyActivity, Telemetry.MdocFormat);
        try
        {
            var result = VerifyIssuerSignedCore(issuerSigned);
            scope.Complete(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            scope.Fail(ex);
            throw;
        }
    }

    private MdocVerificationResult VerifyIssuerSignedCore(ReadOnlyMemory<byte> issuerSigned)
    {
        var checks = ImmutableArray.CreateBuilder<MdocVerificationCheck>();
        var read = IssuerSigned.Read(issuerSigned, _options.ReaderOptions);
        if (!read.IsValid)
        {
            return Fail(checks, MdocCheckKind.Structure, read.Error, -1);
        }

        checks.Add(new(MdocCheckKind.Structure, CheckOutcome.Passed));
        var error = VerifyDocument(read.Value, read.Value.DocType, null, null, _options.TimeProvider.GetUtcNow(), 0, checks, out var document);
        return error is not null
            ? new MdocVerificationResult(null, error, checks.ToImmutable())
            : new MdocVerificationResult(new MdocVerifiedResponse([document!], [], 0), null, checks.ToImmutable());
    }

    private static MdocVerificationResult Fail(ImmutableArray<MdocVerificationCheck>.Builder checks, MdocCheckKind check, VerificationError error, int index)
    {
        checks.Add(new(check, CheckOutcome.Failed, error, index));
        return new MdocVerificationResult(null, error, checks.ToImmutable());
    }

    private VerificationError? VerifyDocument(IssuerSigned issuerSigned, string docType, DeviceSigned? deviceSigned, SessionTranscript? transcript, DateTimeOffset now, int index, ImmutableArray<MdocVerificationCheck>.Builder checks, out MdocVerifiedDocument? verified)
    {
        verified = null;
        var mso = issuerSigned.MobileSecurityObject;
        var issuerAuth = issuerSigned.IssuerAuthMessage;

        // §9.3.1 steps 1-2: the document signer from x5chain, its chain, and the MSO signature.
        var signer = ResolveSigner(issuerAuth, out var signerError, out var trustFailed);
        if (signer is null && !trustFailed)
        {
            return Failed(checks, MdocCheckKind.IssuerSignature, signerError!, index);
        }

        var algorithm = AllowedAlgorithm(issuerAuth, out var algError);
        if (algorithm is null)
        {
            return Failed(checks, MdocCheckKind.IssuerSignature, algError!, index);
        }

        var key = signer?.DocumentSignerKey;
        if (trustFailed)
        {
            // The chain did not validate: report the signature as not reached and the trust failure.
            checks.Add(new(MdocCheckKind.IssuerSignature, CheckOutcome.NotReached, null, index));
            return Failed(checks, MdocCheckKind.IssuerTrust, signerError!, index);
        }

        if (!key!.CanVerify(algorithm))
        {
            return Failed(checks, MdocCheckKind.IssuerSignature, new VerificationError(MdocErrors.UnsupportedAlgorithm, $"The document-signer key cannot verify {algorithm.Name}."), index);
        }

        var toVerify = CoseMessage.SigStructure(issuerAuth.ProtectedHeader.Span, issuerAuth.Payload!.Value.Span);
        if (!key.Verify(algorithm, toVerify, issuerAuth.Signature.Span))
        {
            return Failed(checks, MdocCheckKind.IssuerSignature, new VerificationError(MdocErrors.InvalidIssuerSignature, "The issuerAuth signature does not verify with the document-signer key."), index);
        }

        checks.Add(new(MdocCheckKind.IssuerSignature, CheckOutcome.Passed, null, index));
        checks.Add(new(MdocCheckKind.IssuerTrust, CheckOutcome.Passed, null, index));

        // §9.3.1 step 5: the Document's docType is the MSO's.
        if (!string.Equals(docType, mso.DocType, StringComparison.Ordinal))
        {
            return Failed(checks, MdocCheckKind.DocType, new VerificationError(MdocErrors.DocTypeMismatch, "The Document's docType differs from the MSO's."), index);
        }

        if (_options.AcceptedDocTypes is { } accepted && !Contains(accepted, docType))
        {
            return Failed(checks, MdocCheckKind.DocType, new VerificationError(MdocErrors.DocTypeNotAccepted, $"The document type '{docType}' is not accepted."), index);
        }

        checks.Add(new(MdocCheckKind.DocType, CheckOutcome.Passed, null, index));

        // §9.3.1 step 3: every presented item against the MSO.
        var elements = CheckDigests(issuerSigned, mso, out var digestError);
        if (elements is null)
        {
            return Failed(checks, MdocCheckKind.Digests, digestError!, index);
        }

        checks.Add(new(MdocCheckKind.Digests, CheckOutcome.Passed, null, index));

        // §9.3.1 step 6 and §9.1.2.4: signed <= now, validFrom <= now <= validUntil.
        var validityError = CheckValidity(mso.ValidityInfo, now);
        if (validityError is not null)
        {
            return Failed(checks, MdocCheckKind.Validity, validityError, index);
        }

        checks.Add(new(MdocCheckKind.Validity, CheckOutcome.Passed, null, index));

        var kind = MdocDeviceAuthenticationKind.None;
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> deviceElements = ReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>>.Empty;
        if (transcript is not null)
        {
            if (deviceSigned is null)
            {
                return Failed(checks, MdocCheckKind.DeviceAuthentication, new VerificationError(MdocErrors.MissingDeviceAuth, "The Document has no deviceSigned."), index);
            }

            var deviceError = CheckDeviceAuthentication(deviceSigned, mso, docType, transcript, out kind);
            if (deviceError is not null)
            {
                return Failed(checks, MdocCheckKind.DeviceAuthentication, deviceError, index);
            }

            checks.Add(new(MdocCheckKind.DeviceAuthentication, CheckOutcome.Passed, null, index));

            // §9.1.2.4: device-signed elements must be authorized by keyAuthorizations.
            foreach (var (ns, items) in deviceSigned.NameSpaces)
            {
                foreach (var id in items.Keys)
                {
                    if (mso.KeyAuthorizations is null || !mso.KeyAuthorizations.IsAuthorized(ns, id))
                    {
                        return Failed(checks, MdocCheckKind.KeyAuthorizations, new VerificationError(MdocErrors.UnauthorizedElement, $"The device key is not authorized to sign '{id}' in '{ns}'."), index);
                    }
                }
            }

            checks.Add(new(MdocCheckKind.KeyAuthorizations, CheckOutcome.Passed, null, index));
            deviceElements = deviceSigned.NameSpaces;
        }
        else
        {
            checks.Add(new(MdocCheckKind.DeviceAuthentication, CheckOutcome.NotChecked, null, index));
        }

        verified = new MdocVerifiedDocument(docType, mso, signer!.DocumentSigner, elements, deviceElements, kind);
        return null;
    }

    private static VerificationError Failed(ImmutableArray<MdocVerificationCheck>.Builder checks, MdocCheckKind check, VerificationError error, int index)
    {
        checks.Add(new(check, CheckOutcome.Failed, error, index));
        return error;
    }

    private JwsAlgorithm? AllowedAlgorithm(CoseMessage message, out VerificationError? error)
    {
        error = null;
        var algorithm = message.Algorithm is { } id ? CoseAlgorithmMap.ToJws(id) : null;
        if (algorithm is null || !Contains(_options.AllowedAlgorithms, algorithm))
        {
            error = new VerificationError(MdocErrors.UnsupportedAlgorithm, message.Algorithm is null ? "The protected header has no alg." : $"The COSE algorithm {message.Algorithm} is not allowed.");
            return null;
        }

        return algorithm;
    }

    private MdocCertificateValidation? ResolveSigner(CoseMessage issuerAuth, out VerificationError? error, out bool trustFailed)
    {
        error = null;
        trustFailed = false;
        if (issuerAuth.X5Chain.Count == 0)
        {
            error = new VerificationError(MdocErrors.MissingCertificate, "The issuerAuth has no x5chain.");
            return null;
        }

        if (_certificates is null)
        {
            error = new VerificationError(MdocErrors.UntrustedIssuer, "No IACA trust anchor or pinned document signer is configured.");
            trustFailed = true;
            return null;
        }

        // ISO/IEC 18013-5 §9.3.3: the document-signer certificate is validated to the IACA (or pinned); the
        // validator caches successes per chain, so a repeated chain costs a hash lookup.
        var validation = _certificates.Validate(issuerAuth.X5Chain);
        if (!validation.IsValid)
        {
            error = validation.Error;
            trustFailed = true;
            return null;
        }

        return validation.Value;
    }

    internal static Jwk? PublicJwkOf(X509Certificate2 certificate)
    {
        using var ecdsa = certificate.GetECDsaPublicKey();
        if (ecdsa is null)
        {
            return null;
        }

        var parameters = ecdsa.ExportParameters(false);
        var crv = parameters.Q.X?.Length switch
        {
            32 => JwkCurves.P256,
            48 => JwkCurves.P384,
            _ => null,
        };
        return crv is null ? null : new Jwk { Kty = JwkKeyTypes.EC, Crv = crv, X = StrictBase64Url.Encode(parameters.Q.X), Y = StrictBase64Url.Encode(parameters.Q.Y) };
    }

    private static ReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>>? CheckDigests(IssuerSigned issuerSigned, MobileSecurityObject mso, out VerificationError? error)
    {
        error = null;
        var result = new OrderedDictionary<string, IReadOnlyDictionary<string, MdocValue>>(issuerSigned.NameSpaces.Count, StringComparer.Ordinal);
        Span<byte> digest = stackalloc byte[64];
        var length = MobileSecurityObject.DigestLength(mso.DigestAlgorithm);
        var hash = digest[..length];
        foreach (var (ns, items) in issuerSigned.NameSpaces)
        {
            if (!mso.ValueDigests.TryGetValue(ns, out var digests))
            {
                error = new VerificationError(MdocErrors.MissingDigest, $"The MSO has no digests for the namespace '{ns}'.");
                return null;
            }

            var values = new OrderedDictionary<string, MdocValue>(items.Count, StringComparer.Ordinal);
            var ids = new HashSet<ulong>();
            foreach (var item in items)
            {
                if (!ids.Add(item.DigestId) || values.ContainsKey(item.ElementIdentifier))
                {
                    error = new VerificationError(MdocErrors.DuplicateDigestId, $"The namespace '{ns}' presents a digest ID or an element twice.");
                    return null;
                }

                if (!digests.TryGetValue(item.DigestId, out var expected))
                {
                    error = new VerificationError(MdocErrors.MissingDigest, $"The MSO has no digest {item.DigestId} in '{ns}'.") { Path = ClaimPath.Create(ns, item.ElementIdentifier) };
                    return null;
                }

                // §9.1.2.5 and §9.3.1 step 3: the digest is over IssuerSignedItemBytes exactly as received.
                switch (length)
                {
                    case 32:
                        SHA256.HashData(item.Encoded.Span, hash);
                        break;
                    case 48:
                        SHA384.HashData(item.Encoded.Span, hash);
                        break;
                    default:
                        SHA512.HashData(item.Encoded.Span, hash);
                        break;
                }

                if (!CryptographicOperations.FixedTimeEquals(hash, expected.Span))
                {
                    error = new VerificationError(MdocErrors.DigestMismatch, $"The digest of '{item.ElementIdentifier}' in '{ns}' does not match the MSO.") { Path = ClaimPath.Create(ns, item.ElementIdentifier) };
                    return null;
                }

                values.Add(item.ElementIdentifier, item.ElementValue);
            }

            result.Add(ns, new ReadOnlyDictionary<string, MdocValue>(values));
        }

        return new ReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>>(result);
    }

    private VerificationError? CheckValidity(MdocValidityInfo validity, DateTimeOffset now)
    {
        if (validity.ValidUntil < validity.ValidFrom || validity.ValidFrom < validity.Signed - _options.ClockSkew)
        {
            return new VerificationError(MdocErrors.InvalidValidity, "validUntil is before validFrom, or validFrom before signed.");
        }

        if (validity.Signed > now + _options.ClockSkew || validity.ValidFrom > now + _options.ClockSkew)
        {
            return new VerificationError(MdocErrors.NotYetValid, "The MSO is not valid yet.");
        }

        return validity.ValidUntil < now - _options.ClockSkew ? new VerificationError(MdocErrors.Expired, "The MSO has expired.") : null;
    }

    private VerificationError? CheckDeviceAuthentication(DeviceSigned deviceSigned, MobileSecurityObject mso, string docType, SessionTranscript transcript, out MdocDeviceAuthenticationKind kind)
    {
        kind = MdocDeviceAuthenticationKind.None;
        var toAuthenticate = DeviceAuthentication.Encode(transcript.Encoded.Span, docType, deviceSigned.NameSpacesBytes.Span);
        if (deviceSigned.SignatureMessage is { } signature)
        {
            var algorithm = AllowedAlgorithm(signature, out var algError);
            if (algorithm is null)
            {
                return algError;
            }

            if (signature.Payload is not null)
            {
                // §9.1.3.6: the DeviceAuthenticationBytes are detached (payload null).
                return new VerificationError(MdocErrors.MalformedCbor, "The deviceSignature payload must be detached (null).");
            }

            var key = VerificationKey.FromJwk(mso.DeviceKey);
            if (!key.IsValid)
            {
                return new VerificationError(MdocErrors.InvalidKey, "The MSO device key is not a valid public key.") { Inner = key.Error };
            }

            using var deviceKey = key.Value;
            if (!deviceKey.CanVerify(algorithm))
            {
                return new VerificationError(MdocErrors.UnsupportedAlgorithm, $"The device key cannot verify {algorithm.Name}.");
            }

            var toVerify = CoseMessage.SigStructure(signature.ProtectedHeader.Span, toAuthenticate);
            if (!deviceKey.Verify(algorithm, toVerify, signature.Signature.Span))
            {
                return new VerificationError(MdocErrors.InvalidDeviceSignature, "The deviceSignature does not verify for this session transcript with the MSO device key.");
            }

            kind = MdocDeviceAuthenticationKind.Signature;
            return null;
        }

        var mac = deviceSigned.MacMessage!;
        if (_readerKey is null)
        {
            return new VerificationError(MdocErrors.DeviceMacUnsupported, "The document is authenticated by a device MAC and no reader ephemeral key is configured.");
        }

        if (mac.Algorithm != CoseMessage.AlgHmac256)
        {
            return new VerificationError(MdocErrors.UnsupportedAlgorithm, "The deviceMac algorithm is not HMAC 256/256.");
        }

        if (mac.Payload is not null)
        {
            return new VerificationError(MdocErrors.MalformedCbor, "The deviceMac payload must be detached (null).");
        }

        var macKey = MdocSessionCrypto.DeriveEMacKey(_readerKey, mso.DeviceKey, transcript);
        if (macKey is null)
        {
            return new VerificationError(MdocErrors.InvalidKey, "The MSO device key cannot agree a key with the reader key.");
        }

        Span<byte> tag = stackalloc byte[32];
        HMACSHA256.HashData(macKey, CoseMessage.MacStructure(mac.ProtectedHeader.Span, toAuthenticate), tag);
        CryptographicOperations.ZeroMemory(macKey);
        if (!CryptographicOperations.FixedTimeEquals(tag, mac.Signature.Span))
        {
            return new VerificationError(MdocErrors.InvalidDeviceMac, "The deviceMac does not match for this session transcript.");
        }

        kind = MdocDeviceAuthenticationKind.Mac;
        return null;
    }

    private static bool Contains<T>(IReadOnlyList<T> list, T value)
        where T : class
    {
        foreach (var item in list)
        {
            if (item.Equals(value))
            {
                return true;
            }
        }

        return false;
    }
}
