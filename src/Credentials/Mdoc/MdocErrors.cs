namespace Credentials.Mdoc;

/// <summary>Error codes of ISO/IEC 18013-5 mdoc reading and verification (<c>mdoc.*</c>).</summary>
public static class MdocErrors
{
    /// <summary><c>mdoc.malformed_cbor</c>: the input is not well-formed CBOR, or a structure does not have the shape ISO/IEC 18013-5 defines (a missing or mistyped member, a wrong tag).</summary>
    public static readonly ErrorCode MalformedCbor = new("mdoc.malformed_cbor", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.duplicate_key</c>: a CBOR map has the same key twice.</summary>
    public static readonly ErrorCode DuplicateKey = new("mdoc.duplicate_key", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.indefinite_length</c>: an array, map or string uses the indefinite-length encoding, which this profile refuses.</summary>
    public static readonly ErrorCode IndefiniteLength = new("mdoc.indefinite_length", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.limit_exceeded</c>: the input exceeds a size, depth or count limit of <see cref="MdocReaderOptions"/>.</summary>
    public static readonly ErrorCode LimitExceeded = new("mdoc.limit_exceeded", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.unsupported_version</c>: the <c>version</c> of a DeviceResponse or MobileSecurityObject is not <c>1.0</c>.</summary>
    public static readonly ErrorCode UnsupportedVersion = new("mdoc.unsupported_version", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.unsupported_algorithm</c>: the COSE algorithm is missing from the protected header, unknown, or not on the verifier's allow-list; or the digest algorithm is not allowed.</summary>
    public static readonly ErrorCode UnsupportedAlgorithm = new("mdoc.unsupported_algorithm", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>mdoc.invalid_key</c>: a COSE_Key (the device key) is not a supported, valid public key.</summary>
    public static readonly ErrorCode InvalidKey = new("mdoc.invalid_key", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.missing_certificate</c>: the issuerAuth has no <c>x5chain</c> (COSE header 33), or a certificate in it cannot be read.</summary>
    public static readonly ErrorCode MissingCertificate = new("mdoc.missing_certificate", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>mdoc.untrusted_issuer</c>: the verifier has no trust input (no IACA root, no pinned document signer, no validator). A chain that fails validation reports the validator's <c>mdoc.certificate.*</c> code.</summary>
    public static readonly ErrorCode UntrustedIssuer = new("mdoc.untrusted_issuer", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>mdoc.invalid_issuer_signature</c>: the issuerAuth COSE_Sign1 signature does not verify with the document-signer key.</summary>
    public static readonly ErrorCode InvalidIssuerSignature = new("mdoc.invalid_issuer_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>mdoc.digest_mismatch</c>: the digest of a presented IssuerSignedItem differs from the MSO's value digest for its digest ID.</summary>
    public static readonly ErrorCode DigestMismatch = new("mdoc.digest_mismatch", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>mdoc.missing_digest</c>: the MSO has no value digest for a presented item's namespace and digest ID.</summary>
    public static readonly ErrorCode MissingDigest = new("mdoc.missing_digest", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>mdoc.duplicate_digest_id</c>: two presented items of one namespace share a digest ID, or one element identifier appears twice.</summary>
    public static readonly ErrorCode DuplicateDigestId = new("mdoc.duplicate_digest_id", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>mdoc.doc_type_mismatch</c>: the Document's <c>docType</c> differs from the MSO's.</summary>
    public static readonly ErrorCode DocTypeMismatch = new("mdoc.doc_type_mismatch", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.doc_type_not_accepted</c>: the verifier's options do not accept this document type.</summary>
    public static readonly ErrorCode DocTypeNotAccepted = new("mdoc.doc_type_not_accepted", VerificationFailureKind.PolicyViolation);

    /// <summary><c>mdoc.not_yet_valid</c>: <c>validFrom</c> (or <c>signed</c>) is after the verification time plus the clock skew.</summary>
    public static readonly ErrorCode NotYetValid = new("mdoc.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary><c>mdoc.expired</c>: <c>validUntil</c> is before the verification time minus the clock skew.</summary>
    public static readonly ErrorCode Expired = new("mdoc.expired", VerificationFailureKind.Expired);

    /// <summary><c>mdoc.invalid_validity</c>: the validity info is inconsistent (<c>validUntil</c> before <c>validFrom</c>, or <c>validFrom</c> before <c>signed</c>).</summary>
    public static readonly ErrorCode InvalidValidity = new("mdoc.invalid_validity", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.missing_device_auth</c>: the Document has no DeviceSigned or neither a device signature nor a device MAC.</summary>
    public static readonly ErrorCode MissingDeviceAuth = new("mdoc.missing_device_auth", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>mdoc.invalid_device_signature</c>: the deviceSignature does not verify with the MSO device key over the DeviceAuthentication for this session transcript.</summary>
    public static readonly ErrorCode InvalidDeviceSignature = new("mdoc.invalid_device_signature", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>mdoc.invalid_device_mac</c>: the deviceMac tag does not match the one derived for this session transcript.</summary>
    public static readonly ErrorCode InvalidDeviceMac = new("mdoc.invalid_device_mac", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>mdoc.device_mac_unsupported</c>: the Document carries a deviceMac but the verifier has no reader ephemeral key to derive EMacKey with.</summary>
    public static readonly ErrorCode DeviceMacUnsupported = new("mdoc.device_mac_unsupported", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>mdoc.unauthorized_element</c>: a device-signed element is not covered by the MSO's <c>keyAuthorizations</c>.</summary>
    public static readonly ErrorCode UnauthorizedElement = new("mdoc.unauthorized_element", VerificationFailureKind.PolicyViolation);

    /// <summary><c>mdoc.no_documents</c>: the DeviceResponse carries no document.</summary>
    public static readonly ErrorCode NoDocuments = new("mdoc.no_documents", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.invalid_reader_auth</c>: the readerAuth COSE_Sign1 does not verify over the ReaderAuthentication with the reader certificate.</summary>
    public static readonly ErrorCode InvalidReaderAuth = new("mdoc.invalid_reader_auth", VerificationFailureKind.InvalidSignature);
}
