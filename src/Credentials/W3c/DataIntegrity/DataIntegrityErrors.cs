namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Error codes for Data Integrity proofs (VC Data Integrity 1.0 and its EdDSA and ECDSA cryptosuites). Every code is
/// listed in <c>specs/errors.md</c>; codes never change once released.
/// </summary>
public static class DataIntegrityErrors
{
    /// <summary><c>di.invalid_document</c>: the secured document is not a JSON object, not strict UTF-8 JSON (duplicate member names, lone surrogates), or larger or deeper than the limits.</summary>
    public static readonly ErrorCode InvalidDocument = new("di.invalid_document", VerificationFailureKind.Malformed);

    /// <summary><c>di.missing_proof</c>: the document has no <c>proof</c>, or an empty proof set.</summary>
    public static readonly ErrorCode MissingProof = new("di.missing_proof", VerificationFailureKind.Malformed);

    /// <summary><c>di.invalid_proof</c>: a proof is not an object, lacks <c>type</c>, <c>verificationMethod</c>, <c>proofPurpose</c> or <c>proofValue</c>, has a member of the wrong type, a <c>created</c> or <c>expires</c> that is not an XML Schema dateTime, or an <c>id</c> another proof also has (VC Data Integrity 1.0 section 2.1).</summary>
    public static readonly ErrorCode InvalidProof = new("di.invalid_proof", VerificationFailureKind.Malformed);

    /// <summary><c>di.too_many_proofs</c>: the proof set is larger than the verifier's limit.</summary>
    public static readonly ErrorCode TooManyProofs = new("di.too_many_proofs", VerificationFailureKind.Malformed);

    /// <summary><c>di.unsupported_proof_type</c>: the proof <c>type</c> is not <c>DataIntegrityProof</c>.</summary>
    public static readonly ErrorCode UnsupportedProofType = new("di.unsupported_proof_type", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>di.unsupported_cryptosuite</c>: the <c>cryptosuite</c> is unknown or not on the verifier's allow-list.</summary>
    public static readonly ErrorCode UnsupportedCryptosuite = new("di.unsupported_cryptosuite", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>di.proof_purpose_mismatch</c>: the <c>proofPurpose</c> is not the one the verifier expects (VC Data Integrity 1.0 section 4.4).</summary>
    public static readonly ErrorCode ProofPurposeMismatch = new("di.proof_purpose_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>di.domain_mismatch</c>: the proof's <c>domain</c> is not the set of domains the verifier expects (INVALID_DOMAIN_ERROR).</summary>
    public static readonly ErrorCode DomainMismatch = new("di.domain_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>di.challenge_mismatch</c>: the proof's <c>challenge</c> is missing or not the verifier's challenge (INVALID_CHALLENGE_ERROR).</summary>
    public static readonly ErrorCode ChallengeMismatch = new("di.challenge_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>di.previous_proof_not_found</c>: a <c>previousProof</c> names no proof of the document (VC Data Integrity 1.0 section 4.5).</summary>
    public static readonly ErrorCode PreviousProofNotFound = new("di.previous_proof_not_found", VerificationFailureKind.Malformed);

    /// <summary><c>di.verification_method_unresolved</c>: the <c>verificationMethod</c> is a DID URL whose DID does not resolve or whose DID document holds no such method; or another URL that no configured <see cref="IVerificationMethodResolver"/> finds (or none is configured); or the method holds no usable key (the <c>did.*</c>, <c>http.*</c> or <c>key.*</c> cause in <c>Inner</c>).</summary>
    public static readonly ErrorCode VerificationMethodUnresolved = new("di.verification_method_unresolved", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>di.verification_method_not_authorized</c>: the verification method is not listed under the DID document's relationship named by <c>proofPurpose</c> (VC Data Integrity 1.0 section 5.10).</summary>
    public static readonly ErrorCode VerificationMethodNotAuthorized = new("di.verification_method_not_authorized", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>di.controller_mismatch</c>: the verification method's <c>controller</c> is not the DID whose document lists it (Controlled Identifiers 1.0 section 3.3).</summary>
    public static readonly ErrorCode ControllerMismatch = new("di.controller_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>di.key_type_mismatch</c>: the verification method's key cannot be used with the cryptosuite (Ed25519 for the EdDSA suites, P-256 or P-384 for the ECDSA suites).</summary>
    public static readonly ErrorCode KeyTypeMismatch = new("di.key_type_mismatch", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>di.invalid_proof_value</c>: the <c>proofValue</c> is not canonical multibase base58btc (<c>z…</c>) or has the wrong length for the key.</summary>
    public static readonly ErrorCode InvalidProofValue = new("di.invalid_proof_value", VerificationFailureKind.Malformed);

    /// <summary><c>di.context_mismatch</c>: a JCS proof's <c>@context</c> is not the start of the document's <c>@context</c> (VC DI EdDSA 1.0 section 3.3.2, VC DI ECDSA 1.0 section 3.3.2).</summary>
    public static readonly ErrorCode ContextMismatch = new("di.context_mismatch", VerificationFailureKind.InvalidSignature);

    /// <summary><c>di.transformation_failed</c>: the document or the proof configuration cannot be canonicalized (the <c>jcs.*</c>, <c>jsonld.*</c> or <c>rdfc.*</c> cause in <c>Inner</c>).</summary>
    public static readonly ErrorCode TransformationFailed = new("di.transformation_failed", VerificationFailureKind.Malformed);

    /// <summary><c>di.invalid_signature</c>: the signature does not verify over the proof configuration and document hashes.</summary>
    public static readonly ErrorCode InvalidSignature = new("di.invalid_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>di.proof_expired</c>: the proof's <c>expires</c> has passed (allowing for clock skew).</summary>
    public static readonly ErrorCode ProofExpired = new("di.proof_expired", VerificationFailureKind.Expired);

    /// <summary><c>di.proof_not_yet_valid</c>: the proof's <c>created</c> is in the future (allowing for clock skew).</summary>
    public static readonly ErrorCode ProofNotYetValid = new("di.proof_not_yet_valid", VerificationFailureKind.NotYetValid);
}
