using Credentials.Keys;

namespace Credentials.OpenId4Vp;

/// <summary>An Authorization Request that passed every check of <see cref="OpenId4VpRequestReader"/>.</summary>
public sealed record VerifiedAuthorizationRequest
{
    /// <summary>The request.</summary>
    public required AuthorizationRequest Request { get; init; }

    /// <summary>Whether it came in a signed Request Object whose signature verified with the Client's key.</summary>
    public required bool IsSigned { get; init; }

    /// <summary>The key that signed the Request Object (for <c>decentralized_identifier</c>, from the DID document), or <see langword="null"/>.</summary>
    public Jwk? ClientKey { get; init; }

    /// <summary>The <c>kid</c> of the Request Object (a DID URL for <c>decentralized_identifier</c>), or <see langword="null"/>.</summary>
    public string? ClientKeyId { get; init; }

    /// <summary>
    /// For <c>x509_san_dns</c> and <c>x509_hash</c>: the leaf certificate of <c>x5c</c> that signed the request and
    /// chained to a trust anchor (or was pinned), for example to show its subject; otherwise <see langword="null"/>.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The attestations about the verifier the request carried in <c>verifier_info</c> (section 5.1): the app decides whether to use them and must then validate them itself.</summary>
    public System.Collections.Generic.IReadOnlyList<VerifierInfo> VerifierInfo => Request.VerifierInfo ?? [];

    /// <summary>For <c>direct_post.jwt</c>: the verifier's public key the response is encrypted to (from <c>client_metadata.jwks</c>); otherwise <see langword="null"/>.</summary>
    public Jwk? EncryptionKey { get; init; }

    /// <summary>For <c>direct_post.jwt</c>: the JWE <c>enc</c> chosen from <c>encrypted_response_enc_values_supported</c> (default <c>A128GCM</c>); otherwise <see langword="null"/>.</summary>
    public string? EncryptionMethod { get; init; }

    /// <summary>Whether the response must be encrypted (<c>direct_post.jwt</c>).</summary>
    public bool IsEncrypted => EncryptionKey is not null;

    /// <summary>
    /// The SHA-256 JWK thumbprint (RFC 7638) of <see cref="EncryptionKey"/> as bytes, as the mdoc <c>OpenID4VPHandover</c>
    /// needs it (Appendix B.2.6.1); <see langword="null"/> when the response is not encrypted.
    /// </summary>
    public byte[]? ComputeEncryptionKeyThumbprint() => EncryptionKey is null ? null : Credentials.Internal.StrictBase64Url.TryDecode(EncryptionKey.ComputeThumbprint());
}
