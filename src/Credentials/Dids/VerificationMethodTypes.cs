namespace Credentials.Dids;

/// <summary>Verification method <c>type</c> values this library reads and writes.</summary>
public static class VerificationMethodTypes
{
    /// <summary><c>Multikey</c> (W3C Controlled Identifiers 1.0): <c>publicKeyMultibase</c> with a multicodec header. Written by did:key.</summary>
    public const string Multikey = "Multikey";

    /// <summary><c>JsonWebKey</c> (W3C Controlled Identifiers 1.0): <c>publicKeyJwk</c>. Written by did:web.</summary>
    public const string JsonWebKey = "JsonWebKey";

    /// <summary><c>JsonWebKey2020</c> (the older suite that the did:jwk specification uses): <c>publicKeyJwk</c>. Written by did:jwk.</summary>
    public const string JsonWebKey2020 = "JsonWebKey2020";

    /// <summary><c>Ed25519VerificationKey2020</c>: <c>publicKeyMultibase</c> holding an Ed25519 key. Read only.</summary>
    public const string Ed25519VerificationKey2020 = "Ed25519VerificationKey2020";

    /// <summary><c>X25519KeyAgreementKey2020</c>: <c>publicKeyMultibase</c> holding an X25519 key. Read only.</summary>
    public const string X25519KeyAgreementKey2020 = "X25519KeyAgreementKey2020";
}
