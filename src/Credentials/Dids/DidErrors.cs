namespace Credentials.Dids;

/// <summary>
/// Error codes for DIDs, DID URLs, DID documents, DID resolution and issuer key resolution. Every code is listed in
/// <c>specs/errors.md</c>; codes never change once released.
/// </summary>
/// <remarks>A did:web document that cannot be fetched is reported with the <see cref="Credentials.Http.HttpErrors"/> code of the failure.</remarks>
public static class DidErrors
{
    /// <summary><c>did.invalid_did</c>: the text is not a DID (DID Core 1.0 section 3.1), or not a valid DID of its method.</summary>
    public static readonly ErrorCode InvalidDid = new("did.invalid_did", VerificationFailureKind.Malformed);

    /// <summary><c>did.invalid_did_url</c>: the text is not a DID URL (DID Core 1.0 section 3.2).</summary>
    public static readonly ErrorCode InvalidDidUrl = new("did.invalid_did_url", VerificationFailureKind.Malformed);

    /// <summary><c>did.method_not_supported</c>: no resolver is configured for the DID method.</summary>
    public static readonly ErrorCode MethodNotSupported = new("did.method_not_supported", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>did.invalid_document</c>: the DID document is not valid JSON or violates DID Core 1.0 section 5.</summary>
    public static readonly ErrorCode InvalidDocument = new("did.invalid_document", VerificationFailureKind.Malformed);

    /// <summary><c>did.document_too_large</c>: the DID document exceeds the size limit.</summary>
    public static readonly ErrorCode DocumentTooLarge = new("did.document_too_large", VerificationFailureKind.Malformed);

    /// <summary><c>did.id_mismatch</c>: the resolved document's <c>id</c> is not the DID that was resolved.</summary>
    public static readonly ErrorCode IdMismatch = new("did.id_mismatch", VerificationFailureKind.Malformed);

    /// <summary><c>did.unsupported_key_type</c>: the key type is not supported (unknown multicodec, BLS12-381, RSA, P-521).</summary>
    public static readonly ErrorCode UnsupportedKeyType = new("did.unsupported_key_type", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>did.invalid_public_key</c>: the public key has the wrong length, is not on its curve, or is a private key.</summary>
    public static readonly ErrorCode InvalidPublicKey = new("did.invalid_public_key", VerificationFailureKind.Malformed);

    /// <summary><c>did.key_not_found</c>: the DID URL does not identify a verification method in the document.</summary>
    public static readonly ErrorCode KeyNotFound = new("did.key_not_found", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>did.key_not_authorized</c>: the verification method is not under the required verification relationship.</summary>
    public static readonly ErrorCode KeyNotAuthorized = new("did.key_not_authorized", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>did.ambiguous_key</c>: no <c>kid</c> was given and the issuer has more than one assertion key.</summary>
    public static readonly ErrorCode AmbiguousKey = new("did.ambiguous_key", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>did.issuer_mismatch</c>: the <c>kid</c> DID URL belongs to a DID other than the issuer.</summary>
    public static readonly ErrorCode IssuerMismatch = new("did.issuer_mismatch", VerificationFailureKind.UntrustedIssuer);
}
