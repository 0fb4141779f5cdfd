using System;

namespace Credentials.Http;

/// <summary>
/// The guards of every outbound fetch the library makes (did:web, Token Status List, Type Metadata, JWT VC Issuer
/// Metadata, the OpenID4VCI and OpenID4VP wallet clients). Each fetcher's options hold one of these as <c>Http</c>,
/// with that fetcher's defaults; the defaults here are the resolvers'. See <c>specs/limits.md</c>.
/// </summary>
public sealed record HttpFetchOptions
{
    /// <summary>The defaults: HTTPS only, public addresses only, 256 KiB, 10 seconds, 3 same-origin redirects.</summary>
    public static HttpFetchOptions Default { get; } = new();

    /// <summary>
    /// Whether every URL (and every redirect target) must be <c>https</c>. Default <see langword="true"/>. Set
    /// <see langword="false"/> only for tests and local development: plain <c>http</c> is then accepted too.
    /// </summary>
    public bool RequireHttps { get; init; } = true;

    /// <summary>
    /// Which addresses may be connected to. Default <see cref="HttpAddressPolicy.PublicOnly"/>. Checked at connect time
    /// by <see cref="GuardedHttpHandler"/>, for the addresses actually connected to (which stops DNS rebinding).
    /// </summary>
    public IHttpAddressPolicy AddressPolicy { get; init; } = HttpAddressPolicy.PublicOnly;

    /// <summary>The largest response body read, in bytes, enforced while reading whatever <c>Content-Length</c> says. Default 256 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;

    /// <summary>How long one fetch, redirects included, may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redirects of a <c>GET</c> are followed. Default 3; <c>0</c> refuses every redirect. Other methods are never redirected.</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>
    /// Whether a redirect may lead to another origin (scheme, host or port). Default <see langword="false"/>: such a
    /// redirect is refused. When allowed, the target is checked like the first URL (scheme, address policy).
    /// </summary>
    public bool AllowCrossOriginRedirects { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <param name="paramName">The parameter the options came in.</param>
    internal void Validate(string paramName)
    {
        ArgumentNullException.ThrowIfNull(AddressPolicy, paramName);
        if (MaxResponseBytes <= 0 || MaxRedirects < 0 || (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan))
        {
            throw new ArgumentOutOfRangeException(paramName, "HttpFetchOptions needs a positive MaxResponseBytes and Timeout and a non-negative MaxRedirects.");
        }
    }
}
