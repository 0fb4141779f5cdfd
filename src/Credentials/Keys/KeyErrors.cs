namespace Credentials.Keys;

/// <summary>Error codes for keys and JWKs.</summary>
public static class KeyErrors
{
    /// <summary><c>key.invalid_jwk</c>: the JWK is malformed (missing members, wrong lengths, not on the curve).</summary>
    public static readonly ErrorCode InvalidJwk = new("key.invalid_jwk", VerificationFailureKind.Malformed);

    /// <summary><c>key.unsupported_key_type</c>: the key type or curve is not supported.</summary>
    public static readonly ErrorCode UnsupportedKeyType = new("key.unsupported_key_type", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>key.algorithm_mismatch</c>: the key cannot be used with the requested algorithm.</summary>
    public static readonly ErrorCode AlgorithmMismatch = new("key.algorithm_mismatch", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary>
    /// <c>key.private_key_material</c>: a JWK read where a public key belongs (a token, a DID document, a trust list,
    /// issuer metadata) carries private or symmetric members (<c>d</c>, <c>p</c>, <c>q</c>, <c>dp</c>, <c>dq</c>,
    /// <c>qi</c>, <c>oth</c>, <c>k</c>).
    /// </summary>
    public static readonly ErrorCode PrivateKeyMaterial = new("key.private_key_material", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>key.operation_not_permitted</c>: the JWK's <c>use</c> or <c>key_ops</c> does not allow the operation at hand
    /// (RFC 7517 sections 4.2 and 4.3), for example a <c>"use":"enc"</c> key offered to verify a signature.
    /// </summary>
    public static readonly ErrorCode OperationNotPermitted = new("key.operation_not_permitted", VerificationFailureKind.UnsupportedAlgorithm);
}
