using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Credentials.Http;

/// <summary>One request for <see cref="HttpFetcher.SendAsync"/>.</summary>
public sealed record HttpFetchRequest
{
    /// <summary>The absolute URL.</summary>
    public required Uri Uri { get; init; }

    /// <summary>The method. Default <c>GET</c>; only a <c>GET</c> is ever redirected.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>The media types for <c>Accept</c>, most preferred first. Default none.</summary>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>The body, or <see langword="null"/>.</summary>
    public HttpContent? Content { get; init; }

    /// <summary>The <c>Authorization</c> header, or <see langword="null"/>.</summary>
    public AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>
    /// Further request headers (for example <c>DPoP</c> or <c>OAuth-Client-Attestation</c>), added without validation
    /// of their values. Default none. Never <c>Authorization</c>, <c>Accept</c> or a content header.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// The response headers to return in <see cref="HttpFetchResponse.Headers"/> (for example <c>DPoP-Nonce</c>),
    /// compared ignoring case. Default none.
    /// </summary>
    public IReadOnlyList<string> ResponseHeaders { get; init; } = [];

    /// <summary>
    /// The media types a successful response may have (compared without parameters, ignoring case), or
    /// <see langword="null"/> to accept any. A response with another or no <c>Content-Type</c> is
    /// <see cref="HttpErrors.UnexpectedMediaType"/>.
    /// </summary>
    public IReadOnlyList<string>? AcceptedMediaTypes { get; init; }

    /// <summary>
    /// Whether a response that is neither a success nor a redirect is returned (with its body, within the size cap) for
    /// the caller to read, for example an OAuth error. Default <see langword="false"/>: it is
    /// <see cref="HttpErrors.NotFound"/> or <see cref="HttpErrors.ErrorStatus"/> and its body is never read.
    /// </summary>
    public bool ReturnErrorResponses { get; init; }
}
