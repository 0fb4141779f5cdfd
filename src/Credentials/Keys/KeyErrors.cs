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

    internal static VerificationError InvalidError(string message) => new(InvalidJwk, VerificationFailureKind.Malformed, message);

    internal static VerificationError UnsupportedError(string message) => new(UnsupportedKeyType, VerificationFailureKind.UnsupportedAlgorithm, message);

    internal static VerificationError Invalid(string message) => InvalidError(message);
}
