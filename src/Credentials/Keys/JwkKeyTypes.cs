namespace Credentials.Keys;

/// <summary>Key type names used in the JWK <c>kty</c> member (RFC 7518 section 6.1, RFC 8037).</summary>
public static class JwkKeyTypes
{
    /// <summary>Elliptic curve keys (P-256, P-384, secp256k1).</summary>
    public const string EC = "EC";

    /// <summary>Octet key pairs (Ed25519, X25519).</summary>
    public const string Okp = "OKP";

    /// <summary>RSA keys. Parsed and thumbprinted, not used for credentials.</summary>
    public const string Rsa = "RSA";
}
