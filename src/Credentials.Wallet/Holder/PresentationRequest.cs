using System;
using Credentials.Dcql;

namespace Credentials.Wallet.Holder;

/// <summary>
/// What a verifier asked for (OpenID4VP 1.0): the DCQL query, who is asking and the nonce. The Key Binding JWT's
/// <c>aud</c> and <c>nonce</c> come only from here.
/// </summary>
public sealed record PresentationRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="query">The parsed DCQL query.</param>
    /// <param name="clientId">The verifier's <c>client_id</c> (with its prefix, for example <c>x509_san_dns:verifier.example.jp</c>).</param>
    /// <param name="nonce">The request's <c>nonce</c>.</param>
    /// <exception cref="ArgumentException">The client id or nonce is empty.</exception>
    public PresentationRequest(DcqlQuery query, string clientId, string nonce)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        Query = query;
        ClientId = clientId;
        Nonce = nonce;
    }

    /// <summary>The DCQL query.</summary>
    public DcqlQuery Query { get; }

    /// <summary>The verifier's <c>client_id</c>; recorded in the disclosure log as the verifier.</summary>
    public string ClientId { get; }

    /// <summary>The nonce for the Key Binding JWT.</summary>
    public string Nonce { get; }

    /// <summary>The Key Binding JWT's <c>aud</c>; default <see cref="ClientId"/> (OpenID4VP 1.0 appendix B.3.6). Set it for the DC API origin form.</summary>
    public string? Audience { get; init; }

    /// <summary>Why the verifier asks, if it said so (shown on the consent screen; never interpreted).</summary>
    public string? Purpose { get; init; }

    /// <summary>The request's <c>response_uri</c> (redirect flows), or <see langword="null"/> (Digital Credentials API); an input of the mdoc <c>OpenID4VPHandover</c>.</summary>
    public string? ResponseUri { get; init; }

    /// <summary>The calling Origin over the Digital Credentials API (without <c>origin:</c>), or <see langword="null"/>; an input of the mdoc <c>OpenID4VPDCAPIHandover</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// The SHA-256 JWK thumbprint (RFC 7638, raw bytes) of the verifier's key the response is encrypted to, or
    /// <see langword="null"/> when the response is not encrypted; an input of both mdoc handovers.
    /// </summary>
    public ReadOnlyMemory<byte>? EncryptionKeyThumbprint { get; init; }

    /// <summary>The audience actually used.</summary>
    public string EffectiveAudience => string.IsNullOrEmpty(Audience) ? ClientId : Audience;
}
