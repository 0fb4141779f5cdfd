namespace Credentials.Keys;

/// <summary>Curve names used in the JWK <c>crv</c> member (IANA JSON Web Key Elliptic Curve registry).</summary>
public static class JwkCurves
{
    /// <summary>Ed25519 (RFC 8037), <c>kty</c> <c>OKP</c>.</summary>
    public const string Ed25519 = "Ed25519";

    /// <summary>X25519 (RFC 8037), <c>kty</c> <c>OKP</c>, key agreement only.</summary>
    public const string X25519 = "X25519";

    /// <summary>NIST P-256 (RFC 7518), <c>kty</c> <c>EC</c>.</summary>
    public const string P256 = "P-256";

    /// <summary>NIST P-384 (RFC 7518), <c>kty</c> <c>EC</c>.</summary>
    public const string P384 = "P-384";

    /// <summary>NIST P-521 (RFC 7518), <c>kty</c> <c>EC</c>; key agreement only in this library.</summary>
    public const string P521 = "P-521";

    /// <summary>secp256k1 (RFC 8812), <c>kty</c> <c>EC</c>.</summary>
    public const string Secp256k1 = "secp256k1";
}
