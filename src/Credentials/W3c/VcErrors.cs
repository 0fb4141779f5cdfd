namespace Credentials.W3c;

/// <summary>Error codes for the W3C Verifiable Credentials Data Model 2.0 (credentials and presentations).</summary>
public static class VcErrors
{
    /// <summary><c>vc.malformed</c>: not a JSON object, not valid UTF-8 JSON, a repeated member name, or nested deeper than the limit.</summary>
    public static readonly ErrorCode Malformed = new("vc.malformed", VerificationFailureKind.Malformed);

    /// <summary><c>vc.too_large</c>: the document is longer than the limit, or a presentation holds more credentials than the limit.</summary>
    public static readonly ErrorCode TooLarge = new("vc.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>vc.missing_context</c>: there is no <c>@context</c> (VCDM 2.0 section 4.3).</summary>
    public static readonly ErrorCode MissingContext = new("vc.missing_context", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.invalid_context</c>: the first <c>@context</c> item is not <c>https://www.w3.org/ns/credentials/v2</c>, or a
    /// later item is neither a URL nor an object (section 4.3), or the undefined-terms context is not the last item (section 5.2).
    /// </summary>
    public static readonly ErrorCode InvalidContext = new("vc.invalid_context", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_id</c>: an <c>id</c> is not a single URL (section 4.4).</summary>
    public static readonly ErrorCode InvalidId = new("vc.invalid_id", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.missing_type</c>: there is no <c>type</c>, or it lacks <c>VerifiableCredential</c> (credentials) or
    /// <c>VerifiablePresentation</c> (presentations) (section 4.5).
    /// </summary>
    public static readonly ErrorCode MissingType = new("vc.missing_type", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_type</c>: a <c>type</c> value is not one string or an array of non-empty strings (section 4.5).</summary>
    public static readonly ErrorCode InvalidType = new("vc.invalid_type", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_name</c>: <c>name</c> is not a string, a language value object, or an array of them (sections 4.6, 11.1).</summary>
    public static readonly ErrorCode InvalidName = new("vc.invalid_name", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_description</c>: <c>description</c> is not a string, a language value object, or an array of them (sections 4.6, 11.1).</summary>
    public static readonly ErrorCode InvalidDescription = new("vc.invalid_description", VerificationFailureKind.Malformed);

    /// <summary><c>vc.missing_issuer</c>: a credential has no <c>issuer</c> (section 4.7).</summary>
    public static readonly ErrorCode MissingIssuer = new("vc.missing_issuer", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_issuer</c>: <c>issuer</c> is neither a URL nor an object whose <c>id</c> is a URL (section 4.7).</summary>
    public static readonly ErrorCode InvalidIssuer = new("vc.invalid_issuer", VerificationFailureKind.Malformed);

    /// <summary><c>vc.missing_subject</c>: a credential has no <c>credentialSubject</c> (section 4.8).</summary>
    public static readonly ErrorCode MissingSubject = new("vc.missing_subject", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.invalid_subject</c>: <c>credentialSubject</c> is not an object or a non-empty array of objects, or a
    /// subject makes no claim (it is empty or has only an <c>id</c>), or its <c>id</c> is not a URL (section 4.8).
    /// </summary>
    public static readonly ErrorCode InvalidSubject = new("vc.invalid_subject", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.invalid_date</c>: <c>validFrom</c> or <c>validUntil</c> is not one XML Schema <c>dateTimeStamp</c> string
    /// (section 4.9; a value without a time zone offset is read as UTC, section 5.8, but never written).
    /// </summary>
    public static readonly ErrorCode InvalidDate = new("vc.invalid_date", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_validity_period</c>: <c>validFrom</c> is later than <c>validUntil</c> (section 4.9).</summary>
    public static readonly ErrorCode InvalidValidityPeriod = new("vc.invalid_validity_period", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_status</c>: a <c>credentialStatus</c> entry is not an object with a <c>type</c>, or its <c>id</c> is not a URL (section 4.10).</summary>
    public static readonly ErrorCode InvalidStatus = new("vc.invalid_status", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_schema</c>: a <c>credentialSchema</c> entry is not an object with a <c>type</c> and a URL <c>id</c> (section 4.11).</summary>
    public static readonly ErrorCode InvalidSchema = new("vc.invalid_schema", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_evidence</c>: an <c>evidence</c> entry is not an object with a <c>type</c>, or its <c>id</c> is not a URL (section 5.6).</summary>
    public static readonly ErrorCode InvalidEvidence = new("vc.invalid_evidence", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_terms_of_use</c>: a <c>termsOfUse</c> entry is not an object with a <c>type</c>, or its <c>id</c> is not a URL (section 5.5).</summary>
    public static readonly ErrorCode InvalidTermsOfUse = new("vc.invalid_terms_of_use", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_refresh_service</c>: a <c>refreshService</c> entry is not an object with a <c>type</c>, or its <c>id</c> is not a URL (section 5.4).</summary>
    public static readonly ErrorCode InvalidRefreshService = new("vc.invalid_refresh_service", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.invalid_related_resource</c>: a <c>relatedResource</c> entry is not an object with a URL <c>id</c> unique in
    /// the list and a <c>digestSRI</c> or <c>digestMultibase</c> (section 5.3).
    /// </summary>
    public static readonly ErrorCode InvalidRelatedResource = new("vc.invalid_related_resource", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_reserved_property</c>: a <c>confidenceMethod</c> or <c>renderMethod</c> value has no <c>type</c> (section 5.10).</summary>
    public static readonly ErrorCode InvalidReservedProperty = new("vc.invalid_reserved_property", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_proof</c>: <c>proof</c> is not an object or an array of objects.</summary>
    public static readonly ErrorCode InvalidProof = new("vc.invalid_proof", VerificationFailureKind.Malformed);

    /// <summary><c>vc.invalid_holder</c>: <c>holder</c> is neither a URL nor an object whose <c>id</c> is a URL (section 4.13).</summary>
    public static readonly ErrorCode InvalidHolder = new("vc.invalid_holder", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.invalid_presented_credential</c>: a <c>verifiableCredential</c> value of a presentation is not an object, or
    /// is not a conforming credential (the cause is <see cref="VerificationError.Inner"/>) (section 4.13).
    /// </summary>
    public static readonly ErrorCode InvalidPresentedCredential = new("vc.invalid_presented_credential", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.invalid_enveloped_credential</c>: an <c>EnvelopedVerifiableCredential</c> has no <c>@context</c> with the base
    /// context, or its <c>id</c> is not a <c>data:</c> URL with a media type (section 4.13, Enveloped Verifiable Credentials).
    /// </summary>
    public static readonly ErrorCode InvalidEnvelopedCredential = new("vc.invalid_enveloped_credential", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.unsecured_credential</c>: a presentation embeds a credential without a proof that is not self-asserted
    /// (its issuer is not the presentation's holder): presented credentials must be secured (sections 4.13 and
    /// "Presentations Including Holder Claims").
    /// </summary>
    public static readonly ErrorCode UnsecuredCredential = new("vc.unsecured_credential", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>vc.undefined_member</c>: an issuer (or holder) was asked to secure a document with a top-level member that the
    /// base context does not define, that was not declared as an extension member, and without the undefined-terms
    /// context (section 5.2). Only issuance reports it; reading never does.
    /// </summary>
    public static readonly ErrorCode UndefinedMember = new("vc.undefined_member", VerificationFailureKind.PolicyViolation);

    /// <summary><c>vc.not_yet_valid</c>: the credential's <c>validFrom</c> is later than now (plus the clock skew) (section 4.9, A.7).</summary>
    public static readonly ErrorCode NotYetValid = new("vc.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary><c>vc.expired</c>: the credential's <c>validUntil</c> is earlier than now (minus the clock skew) (section 4.9, A.7).</summary>
    public static readonly ErrorCode Expired = new("vc.expired", VerificationFailureKind.Expired);

    /// <summary>
    /// <c>vc.untrusted_issuer</c>: the credential verified, but its issuer is not among the verifier's trusted issuers
    /// (<see cref="W3cCredentialVerifierOptions.TrustedIssuers"/>).
    /// </summary>
    public static readonly ErrorCode UntrustedIssuer = new("vc.untrusted_issuer", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>vc.issuer_key_mismatch</c>: the key that secured the credential is not controlled by its issuer: a Data
    /// Integrity proof's verification method belongs to another DID than the credential's <c>issuer</c>.
    /// </summary>
    public static readonly ErrorCode IssuerKeyMismatch = new("vc.issuer_key_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>vc.unrecognized_format</c>: the text to verify is neither a JSON credential with an embedded proof nor a compact
    /// JWS (<c>vc+jwt</c>).
    /// </summary>
    public static readonly ErrorCode UnrecognizedFormat = new("vc.unrecognized_format", VerificationFailureKind.Malformed);
}
