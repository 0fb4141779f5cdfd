namespace Credentials.Mdoc.Certificates;

/// <summary>
/// Error codes of <see cref="MdocCertificateValidator"/>: why an mdoc <c>x5chain</c> (the document signer's
/// certificate and the certificates up to an IACA) is not accepted (ISO/IEC 18013-5:2021 section 9.3.3 and Annex B).
/// </summary>
public static class MdocCertificateErrors
{
    /// <summary>
    /// <c>mdoc.certificate.untrusted_chain</c>: the chain does not build to a configured IACA trust anchor (an unknown
    /// root, a missing link, a bad signature), and the document signer certificate is not pinned either.
    /// </summary>
    public static readonly ErrorCode UntrustedChain = new("mdoc.certificate.untrusted_chain", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>mdoc.certificate.expired</c>: a certificate of the chain (or the pinned document signer) is past its <c>notAfter</c> at the validator's clock.</summary>
    public static readonly ErrorCode Expired = new("mdoc.certificate.expired", VerificationFailureKind.Expired);

    /// <summary><c>mdoc.certificate.not_yet_valid</c>: a certificate of the chain is before its <c>notBefore</c> at the validator's clock.</summary>
    public static readonly ErrorCode NotYetValid = new("mdoc.certificate.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary>
    /// <c>mdoc.certificate.key_usage</c>: a certificate is used for what its key usage or basic constraints do not
    /// allow: the document signer's <c>keyUsage</c> is missing or lacks <c>digitalSignature</c>, or it is a CA; or
    /// a certificate above it is not a CA (<c>basicConstraints</c> cA) or its <c>keyUsage</c> lacks <c>keyCertSign</c>.
    /// </summary>
    public static readonly ErrorCode KeyUsage = new("mdoc.certificate.key_usage", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>mdoc.certificate.extended_key_usage</c>: the document signer certificate has no <c>extendedKeyUsage</c>
    /// with <c>id-mdl-kp-mdlDS</c> (1.0.18013.5.1.2, ISO/IEC 18013-5:2021 Annex B).
    /// </summary>
    public static readonly ErrorCode ExtendedKeyUsage = new("mdoc.certificate.extended_key_usage", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>mdoc.certificate.country_mismatch</c>: the document signer's subject <c>countryName</c> (or
    /// <c>stateOrProvinceName</c>, when the IACA has one) is missing or differs from the IACA's (Annex B).
    /// </summary>
    public static readonly ErrorCode CountryMismatch = new("mdoc.certificate.country_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>mdoc.certificate.unsupported_key</c>: a certificate's key is not an allowed one: EC on P-256, P-384 or P-521
    /// for an IACA, and EC on P-256 or P-384 (uncompressed) or Ed25519 for the document signer.
    /// </summary>
    public static readonly ErrorCode UnsupportedKey = new("mdoc.certificate.unsupported_key", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>mdoc.certificate.chain_too_long</c>: <c>x5chain</c>, or the chain built from it, has more certificates than <see cref="MdocCertificateValidatorOptions.MaxChainLength"/>.</summary>
    public static readonly ErrorCode ChainTooLong = new("mdoc.certificate.chain_too_long", VerificationFailureKind.Malformed);

    /// <summary><c>mdoc.certificate.malformed</c>: <c>x5chain</c> is empty, or an entry is not a DER X.509 certificate.</summary>
    public static readonly ErrorCode Malformed = new("mdoc.certificate.malformed", VerificationFailureKind.Malformed);
}
