using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>
/// Creates DPoP proofs (RFC 9449 section 4): a JWT of type <c>dpop+jwt</c> signed by the client's key, carrying the
/// public key as <c>jwk</c> and the claims <c>jti</c>, <c>htm</c>, <c>htu</c>, <c>iat</c>, and <c>nonce</c> and
/// <c>ath</c> when given. Validation is <see cref="DpopProofValidator"/>.
/// </summary>
public static class DpopProof
{
    /// <summary>The JOSE <c>typ</c> of a DPoP proof (RFC 9449 section 4.2).</summary>
    public const string Type = "dpop+jwt";

    /// <summary>The HTTP request header carrying a proof (RFC 9449 section 4.1).</summary>
    public const string HeaderName = "DPoP";

    /// <summary>The HTTP response header carrying a server nonce (RFC 9449 section 8.1).</summary>
    public const string NonceHeaderName = "DPoP-Nonce";

    /// <summary>The <c>Authorization</c> scheme of a DPoP-bound access token, and its <c>token_type</c> (RFC 9449 sections 5 and 7.1).</summary>
    public const string Scheme = "DPoP";

    /// <summary>
    /// Creates a proof signed by an in-memory <see cref="SigningKey"/> (whose public key becomes the <c>jwk</c> header).
    /// For a signer that does not hold its key in memory (an HSM, a KMS), use <see cref="CreateWithPublicKeyAsync"/>.
    /// </summary>
    /// <param name="signer">The client's DPoP key: a <see cref="SigningKey"/>.</param>
    /// <param name="method">The HTTP method of the request, for example <c>POST</c> (<c>htm</c>).</param>
    /// <param name="url">The absolute URL of the request; its query and fragment are left out of <c>htu</c>.</param>
    /// <param name="time">The clock for <c>iat</c>.</param>
    /// <param name="nonce">The server's latest <c>DPoP-Nonce</c>, if it sent one.</param>
    /// <param name="accessToken">The access token sent with the request, for <c>ath</c> (requests to resources, not to the token endpoint).</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The compact JWT for the <c>DPoP</c> header.</returns>
    /// <exception cref="ArgumentException">The signer is not a <see cref="SigningKey"/>, the method is empty, or the URL is not absolute http(s).</exception>
    public static ValueTask<string> CreateAsync(ISigner signer, string method, Uri url, TimeProvider time, string? nonce = null, string? accessToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signer is not SigningKey key)
        {
            throw new ArgumentException("Only a SigningKey knows its public key; pass the public JWK for other signers.", nameof(signer));
        }

        return CreateWithPublicKeyAsync(signer, key.PublicJwk, method, url, time, nonce, accessToken, cancellationToken);
    }

    /// <summary>Creates a proof with any signer (an HSM, a KMS), given its public key.</summary>
    /// <param name="signer">The client's DPoP key.</param>
    /// <param name="publicKey">The signer's public JWK (the <c>jwk</c> header; its <c>kid</c> is left out).</param>
    /// <param name="method">The HTTP method of the request, for example <c>POST</c> (<c>htm</c>).</param>
    /// <param name="url">The absolute URL of the request; its query and fragment are left out of <c>htu</c>.</param>
    /// <param name="time">The clock for <c>iat</c>.</param>
    /// <param name="nonce">The server's latest <c>DPoP-Nonce</c>, or <see langword="null"/>.</param>
    /// <param name="accessToken">The access token sent with the request, for <c>ath</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The compact JWT for the <c>DPoP</c> header.</returns>
    /// <exception cref="ArgumentException">The public key holds private material, the method is empty, or the URL is not absolute http(s).</exception>
    public static async ValueTask<string> CreateWithPublicKeyAsync(ISigner signer, Jwk publicKey, string method, Uri url, TimeProvider time, string? nonce = null, string? accessToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(time);
        if (publicKey.HasPrivateKey)
        {
            // RFC 9449 section 4.2: the jwk header MUST NOT contain a private key.
            throw new ArgumentException("The proof's jwk header must be a public key.", nameof(publicKey));
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The request URL must be an absolute http or https URL.", nameof(url));
        }

        if (accessToken is { Length: 0 } || nonce is { Length: 0 })
        {
            throw new ArgumentException("The nonce and the access token, when given, must not be empty.");
        }

        // Section 4.2: jti with enough entropy that a collision is negligible (128 bits here).
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("jti", StrictBase64Url.Encode(random));
            writer.WriteString("htm", method);

            // Section 4.2: htu is the target URI without query and fragment.
            writer.WriteString("htu", url.GetLeftPart(UriPartial.Path));
            writer.WriteNumber("iat", time.GetUtcNow().ToUnixTimeSeconds());
            if (nonce is not null)
            {
                writer.WriteString("nonce", nonce);
            }

            if (accessToken is not null)
            {
                writer.WriteString("ath", ComputeAccessTokenHash(accessToken));
            }

            writer.WriteEndObject();
        }

        var headers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["jwk"] = JsonNode.Parse((publicKey with { Kid = null }).ToJson()) };
        return await JwsWriter.SignCompactAsync(signer.WithKeyId(null), buffer.WrittenMemory, Type, headers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>ath</c> of an access token: the base64url SHA-256 hash of its ASCII bytes (RFC 9449 section 4.2).</summary>
    /// <param name="accessToken">The access token.</param>
    public static string ComputeAccessTokenHash(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        var length = Encoding.UTF8.GetByteCount(accessToken);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(accessToken, bytes);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return StrictBase64Url.Encode(digest);
    }

    /// <summary>
    /// The form of a URL that <c>htu</c> comparisons use (RFC 9449 section 4.3, check 9): scheme and host in lower case,
    /// the default port left out, no user info, an empty path as <c>/</c>, percent-encodings normalised (RFC 3986
    /// sections 6.2.2 and 6.2.3), and no query or fragment. <see langword="null"/> when not an absolute http(s) URL.
    /// </summary>
    internal static string? NormalizeHtu(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.UserInfo.Length != 0)
        {
            return null;
        }

        // System.Uri gives the scheme and host in lower case and the path with dot-segments removed and
        // percent-encodings normalised; the default port is left out and an empty path is "/".
        var port = url.IsDefaultPort ? string.Empty : ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(url.Scheme, "://", url.Host.ToLowerInvariant(), port, url.AbsolutePath.Length == 0 ? "/" : url.AbsolutePath);
    }

    /// <summary>Normalises an <c>htu</c> claim, or returns <see langword="null"/> when it is not an absolute http(s) URL.</summary>
    internal static string? NormalizeHtu(string htu)
        => htu.Length <= 8192 && Uri.TryCreate(htu, UriKind.Absolute, out var uri) ? NormalizeHtu(uri) : null;
}
