using System;
using System.Collections.Immutable;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Keys;

namespace Credentials.OpenId4Vp;

/// <summary>
/// An OpenID4VP 1.0 request received over the Digital Credentials API (Appendix A) that passed every check of
/// <see cref="OpenId4VpRequestReader.ReadDigitalCredentialsApiAsync"/>, with the calling Origin as the platform
/// reported it. Presentations made for it are bound to <see cref="Audience"/> (<c>origin:</c> + Origin, Appendix A.4)
/// and <see cref="Nonce"/>; the answer goes back through the API, never to a URL.
/// </summary>
public sealed partial record DigitalCredentialsApiRequest
{
    /// <summary>The exchange protocol: <c>openid4vp-v1-unsigned</c> or <c>openid4vp-v1-signed</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>The Origin of the calling page or app as the platform reported it (never from the request itself).</summary>
    public required string Origin { get; init; }

    /// <summary>The Client Identifier of a signed request; <see langword="null"/> for an unsigned request (Appendix A.2: the wallet ignores it there).</summary>
    public string? ClientId { get; init; }

    /// <summary>The Response Mode: <c>dc_api</c> or <c>dc_api.jwt</c> (encrypted, section 8.3).</summary>
    public required string ResponseMode { get; init; }

    /// <summary>The nonce the presentations must carry.</summary>
    public required string Nonce { get; init; }

    /// <summary>The DCQL query.</summary>
    public required DcqlQuery DcqlQuery { get; init; }

    /// <summary>The <c>client_metadata</c>, or <see langword="null"/>.</summary>
    public JsonElement? ClientMetadata { get; init; }

    /// <summary>The <c>expected_origins</c> of a signed request (empty for unsigned ones, where the wallet ignores them).</summary>
    public ImmutableArray<string> ExpectedOrigins { get; init; } = [];

    /// <summary>Whether the request came as a signed Request Object whose signature verified with the Client's key.</summary>
    public bool IsSigned { get; init; }

    /// <summary>The key that signed the Request Object, or <see langword="null"/>.</summary>
    public Jwk? ClientKey { get; init; }

    /// <summary>The <c>kid</c> of the Request Object, or <see langword="null"/>.</summary>
    public string? ClientKeyId { get; init; }

    /// <summary>For a signed <c>x509_san_dns</c> or <c>x509_hash</c> request: the trusted leaf certificate of <c>x5c</c>; otherwise <see langword="null"/>.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; init; }

    /// <summary>For <c>dc_api.jwt</c>: the verifier's public key the response is encrypted to (from <c>client_metadata.jwks</c>); otherwise <see langword="null"/>.</summary>
    public Jwk? EncryptionKey { get; init; }

    /// <summary>For <c>dc_api.jwt</c>: the JWE <c>enc</c> chosen from <c>encrypted_response_enc_values_supported</c> (default <c>A128GCM</c>); otherwise <see langword="null"/>.</summary>
    public string? EncryptionMethod { get; init; }

    /// <summary>Whether the response must be encrypted (<c>dc_api.jwt</c>).</summary>
    public bool IsEncrypted => EncryptionKey is not null;

    /// <summary>The audience of every presentation: <c>origin:</c> followed by <see cref="Origin"/>, for signed requests too (Appendix A.4).</summary>
    public string Audience => OpenId4VpConstants.OriginAudiencePrefix + Origin;

    /// <summary>
    /// The SHA-256 JWK thumbprint (RFC 7638) of <see cref="EncryptionKey"/> as bytes, as the mdoc <c>SessionTranscript</c>
    /// of the Digital Credentials API needs it (Appendix B.2.6.2); <see langword="null"/> when the response is not encrypted.
    /// </summary>
    public byte[]? ComputeEncryptionKeyThumbprint() => EncryptionKey is null ? null : Credentials.Internal.StrictBase64Url.TryDecode(EncryptionKey.ComputeThumbprint());
}
