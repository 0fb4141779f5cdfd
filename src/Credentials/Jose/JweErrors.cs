namespace Credentials.Jose;

/// <summary>Error codes for reading and decrypting JWE compact serializations (RFC 7516, RFC 7518).</summary>
public static class JweErrors
{
    /// <summary>
    /// <c>jwe.malformed</c>: not a JWE compact serialization (not five parts, a part that is not canonical base64url,
    /// a header that is not a JSON object without duplicate members, a missing or mistyped header member, a non-empty
    /// encrypted key under direct key agreement, an initialization vector or tag of the wrong length).
    /// </summary>
    public static readonly ErrorCode Malformed = new("jwe.malformed", VerificationFailureKind.Malformed);

    /// <summary><c>jwe.too_large</c>: the token exceeds the decrypter's size limit.</summary>
    public static readonly ErrorCode TooLarge = new("jwe.too_large", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>jwe.unsupported_algorithm</c>: the <c>alg</c> is not one the decrypter allows (only <c>ECDH-ES</c> exists;
    /// <c>none</c>, <c>dir</c>, RSA, AES key wrap and <c>ECDH-ES+A*KW</c> are refused).
    /// </summary>
    public static readonly ErrorCode UnsupportedAlgorithm = new("jwe.unsupported_algorithm", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>jwe.unsupported_encryption</c>: the <c>enc</c> is unknown, or not on the decrypter's allow-list.</summary>
    public static readonly ErrorCode UnsupportedEncryption = new("jwe.unsupported_encryption", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>jwe.unsupported_compression</c>: the header carries <c>zip</c> (RFC 7516 section 4.1.3); compressed plaintext is never accepted.</summary>
    public static readonly ErrorCode UnsupportedCompression = new("jwe.unsupported_compression", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>jwe.unsupported_critical_header</c>: <c>crit</c> names a header the decrypter does not understand, or is malformed (RFC 7516 section 4.1.13).</summary>
    public static readonly ErrorCode UnsupportedCriticalHeader = new("jwe.unsupported_critical_header", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>jwe.invalid_epk</c>: the ephemeral public key (<c>epk</c>) is missing, not a public JWK, not on the recipient
    /// key's curve, or not a point on that curve (the invalid-curve attack).
    /// </summary>
    public static readonly ErrorCode InvalidEpk = new("jwe.invalid_epk", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>jwe.decryption_failed</c>: the authentication tag does not verify (wrong key, or the header, initialization
    /// vector, ciphertext or tag was altered). Nothing more is told about why.
    /// </summary>
    public static readonly ErrorCode DecryptionFailed = new("jwe.decryption_failed", VerificationFailureKind.InvalidSignature);
}
