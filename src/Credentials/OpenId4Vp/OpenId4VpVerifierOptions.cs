using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.OpenId4Vp;

/// <summary>Options for <see cref="OpenId4VpVerifier"/>, validated once by its constructor.</summary>
public sealed record OpenId4VpVerifierOptions
{
    /// <summary>
    /// The verifier's Client Identifier with its prefix: <c>redirect_uri:&lt;ResponseUri&gt;</c> (unsigned requests, by
    /// value only), <c>decentralized_identifier:&lt;DID&gt;</c> (signed Request Objects by value and by reference;
    /// needs <see cref="RequestSigner"/>), or <c>x509_san_dns:&lt;DNS name&gt;</c> / <c>x509_hash:&lt;hash&gt;</c>
    /// (signed, with <see cref="RequestCertificateChain"/> in <c>x5c</c>; see <see cref="ClientIdentifier.ForX509SanDns"/>
    /// and <see cref="ClientIdentifier.ForX509Hash"/>).
    /// </summary>
    public required string ClientId { get; init; }

    /// <summary>The absolute URL of the response endpoint (<c>response_uri</c>).</summary>
    public required Uri ResponseUri { get; init; }

    /// <summary>
    /// The base of the Request URIs: a request's <c>request_uri</c> is this URL plus <c>/</c> and the request's
    /// <c>state</c>. Required to offer requests by reference.
    /// </summary>
    public Uri? RequestUriBase { get; init; }

    /// <summary>Signs Request Objects (<c>typ</c> <c>oauth-authz-req+jwt</c>); required for <c>decentralized_identifier</c>.</summary>
    public ISigner? RequestSigner { get; init; }

    /// <summary>
    /// For <c>x509_san_dns</c> and <c>x509_hash</c>: the certificate chain sent in the Request Objects' <c>x5c</c>
    /// header, leaf first, without the trust anchor (HAIP 1.0). The leaf must certify <see cref="RequestSigner"/>'s key,
    /// carry the <c>x509_san_dns</c> name as a <c>dNSName</c> SAN, or hash to the <c>x509_hash</c> value.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> RequestCertificateChain { get; init; } = [];

    /// <summary>
    /// Attestations about the verifier sent in every request's <c>verifier_info</c> (section 5.1), for example a
    /// registration certificate; at most <see cref="OpenId4Vp.VerifierInfo.MaxEntries"/>. Default: none.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<VerifierInfo> VerifierInfo { get; init; } = [];

    /// <summary>The <c>kid</c> for Request Objects (the DID URL of <see cref="RequestSigner"/>'s key); default the signer's <see cref="ISigner.KeyId"/>.</summary>
    public string? RequestSignerKeyId { get; init; }

    /// <summary>The <c>request_uri_method</c> to announce: <see langword="null"/> (wallets GET) or <c>post</c> (wallets may POST a <c>wallet_nonce</c>).</summary>
    public string? RequestUriMethod { get; init; }

    /// <summary>The wallet's authorization endpoint links start with. Default <c>openid4vp://</c> (section 13.1.2).</summary>
    public string WalletAuthorizationEndpoint { get; init; } = OpenId4VpConstants.Scheme + "://";

    /// <summary>
    /// When set, the response endpoint answers with <c>redirect_uri</c> = this URL with a fresh <c>response_code</c>
    /// (section 8.2), and results can then be fetched only with that code (section 14.2, session fixation).
    /// </summary>
    public Uri? RedirectUri { get; init; }

    /// <summary>
    /// The <c>client_metadata</c> sent with requests. Default: <c>vp_formats_supported</c> for <c>dc+sd-jwt</c> with the
    /// algorithms the credential verifier accepts, and, with <see cref="W3cPresentations"/>, <c>jwt_vc_json</c> and
    /// <c>ldp_vc</c> (OpenID4VP 1.0 Appendix B.1.3).
    /// </summary>
    public JsonElement? ClientMetadata { get; init; }

    /// <summary>
    /// Verifies presentations of W3C credentials (<c>jwt_vc_json</c>: a <c>vp+jwt</c> whose <c>aud</c> is the
    /// <c>client_id</c> and <c>nonce</c> the request's; <c>ldp_vc</c>: a Data Integrity presentation whose
    /// <c>challenge</c> is the nonce and <c>domain</c> the <c>client_id</c>), with its credential verifier's trust and
    /// status policy. Without it, those formats are discarded as <see cref="OpenId4VpErrors.UnsupportedFormat"/>.
    /// </summary>
    public Credentials.W3c.W3cPresentationVerifier? W3cPresentations { get; init; }

    /// <summary>
    /// The Response Mode of redirect requests: <c>direct_post</c> (the default) or <c>direct_post.jwt</c> (section 8.3.1;
    /// HAIP and mdoc deployments): each request then carries a fresh ephemeral P-256 <c>ECDH-ES</c> public key in
    /// <c>client_metadata.jwks</c> (its <c>kid</c> is the request's <c>state</c>), the private key stays in the
    /// transaction's protocol state until the response is processed, and a <c>vp_token</c> in the clear is
    /// <see cref="OpenId4VpErrors.ResponseNotEncrypted"/>.
    /// </summary>
    public string ResponseMode { get; init; } = OpenId4VpConstants.ResponseModeDirectPost;

    /// <summary>The Response Mode of Digital Credentials API requests: <c>dc_api</c> (the default) or <c>dc_api.jwt</c> (encrypted as for <see cref="ResponseMode"/>).</summary>
    public string DcApiResponseMode { get; init; } = OpenId4VpConstants.ResponseModeDcApi;

    /// <summary>The JWE <c>enc</c> values offered in <c>encrypted_response_enc_values_supported</c> and accepted. Default <c>A128GCM</c>, <c>A256GCM</c>.</summary>
    public System.Collections.Generic.IReadOnlyList<string> EncryptionMethods { get; init; } = ["A128GCM", "A256GCM"];

    /// <summary>
    /// The Origins of the verifier's pages that call the Digital Credentials API (Appendix A), for example
    /// <c>https://verifier.example.jp</c>: written as the platform reports them (scheme, host, and a port only when not the
    /// default). A response is accepted only from one of them, and signed requests carry them as <c>expected_origins</c>.
    /// <c>http</c> is allowed for loopback hosts only (local development); <c>ftp</c>, <c>javascript</c>, <c>data</c>,
    /// <c>ws</c> and <c>wss</c> never. Required for <see cref="OpenId4VpVerifier.CreateDigitalCredentialsApiRequestAsync"/>.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<string> ExpectedOrigins { get; init; } = [];

    /// <summary>
    /// Verifies <c>mso_mdoc</c> presentations (Appendix B.2): the IACA trust anchors (<see cref="Credentials.Mdoc.MdocVerifierOptions.TrustAnchors"/>),
    /// algorithms and clock of the mdoc verifier. The session transcript is this library's: the <c>OpenID4VPHandover</c>
    /// (client_id, nonce, the encryption key's thumbprint or null, response_uri) or, over the DC API, the
    /// <c>OpenID4VPDCAPIHandover</c> (Origin, nonce, thumbprint or null). Without it, <c>mso_mdoc</c> presentations are
    /// discarded as <see cref="OpenId4VpErrors.UnsupportedFormat"/>.
    /// </summary>
    public Credentials.Mdoc.MdocVerifierOptions? Mdoc { get; init; }

    /// <summary>What every presented credential must satisfy (issuer trust, status, type metadata).</summary>
    public OpenId4VpPresentationPolicy Policy { get; init; } = new();

    /// <summary>How long a request can be answered. Default 5 minutes.</summary>
    public TimeSpan RequestLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a transaction's result stays retrievable after the request expires. Default 10 minutes.</summary>
    public TimeSpan ResultLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest <c>vp_token</c> accepted, in characters. Default 1 MiB.</summary>
    public int MaxVpTokenLength { get; init; } = AuthorizationResponse.DefaultMaxVpTokenLength;

    /// <summary>Called once per transaction with its final result, after it is stored (for example to notify a UI).</summary>
    public Func<OpenId4VpTransactionResult, CancellationToken, ValueTask>? OnResult { get; init; }

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
