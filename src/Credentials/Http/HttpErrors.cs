namespace Credentials.Http;

/// <summary>
/// Error codes of outbound HTTP fetches, the same for every fetcher (did:web, status lists, type metadata, issuer
/// metadata, the wallet clients). What a fetched document means (an invalid DID document, a status list for another
/// URI…) is reported with the area's own codes. Every code is listed in <c>specs/errors.md</c>.
/// </summary>
public static class HttpErrors
{
    /// <summary><c>http.insecure_transport</c>: the URL or a redirect target is not <c>https</c> while HTTPS is required. Nothing is sent.</summary>
    public static readonly ErrorCode InsecureTransport = new("http.insecure_transport", VerificationFailureKind.PolicyViolation);

    /// <summary><c>http.address_not_allowed</c>: the host is, or resolves to, an address the address policy refuses. Nothing is sent to it.</summary>
    public static readonly ErrorCode AddressNotAllowed = new("http.address_not_allowed", VerificationFailureKind.PolicyViolation);

    /// <summary><c>http.redirect_not_allowed</c>: the server redirected to another origin, more often than allowed, or in answer to a request that is not a <c>GET</c>.</summary>
    public static readonly ErrorCode RedirectNotAllowed = new("http.redirect_not_allowed", VerificationFailureKind.PolicyViolation);

    /// <summary><c>http.not_found</c>: HTTP 404 or 410, or the host name does not resolve.</summary>
    public static readonly ErrorCode NotFound = new("http.not_found", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>http.error_status</c>: any other status that is not a success (the body of an error response is never used as a document).</summary>
    public static readonly ErrorCode ErrorStatus = new("http.error_status", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>http.failed</c>: the connection or TLS handshake failed, or the response could not be read.</summary>
    public static readonly ErrorCode Failed = new("http.failed", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>http.too_large</c>: the response body is larger than the limit, by <c>Content-Length</c> or while reading.</summary>
    public static readonly ErrorCode TooLarge = new("http.too_large", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>http.timeout</c>: the fetch, redirects included, took longer than the timeout.</summary>
    public static readonly ErrorCode Timeout = new("http.timeout", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>http.unexpected_media_type</c>: the response's <c>Content-Type</c> is not one the fetcher accepts (for example a <c>did.json</c> that is not JSON).</summary>
    public static readonly ErrorCode UnexpectedMediaType = new("http.unexpected_media_type", VerificationFailureKind.ResolutionFailed);
}
