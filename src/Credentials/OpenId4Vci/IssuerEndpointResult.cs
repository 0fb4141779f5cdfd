using System;
using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>
/// What an <see cref="OpenId4VciIssuer"/> endpoint answers, for any web host to write as is: the HTTP status, the
/// JSON body (the response, or an OAuth error object per RFC 6749 section 5.2 / OpenID4VCI 1.0 section 8.3.1), the
/// <c>WWW-Authenticate</c> challenge for RFC 6750 token errors, and any other response headers. Responses are never cached (<c>Cache-Control: no-store</c>).
/// </summary>
public sealed record IssuerEndpointResult
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The HTTP status code: 200, 201 (pushed authorization request), 202 (deferred issuance), 204 (notification), 400, 401, 403 or 500.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The body, of <see cref="ContentType"/>; empty for 204.</summary>
    public required string Body { get; init; }

    /// <summary>The media type of <see cref="Body"/>: <c>application/json</c>, or <c>application/jwt</c> for an encrypted Credential Response (OpenID4VCI 1.0 section 10).</summary>
    public string ContentType { get; init; } = JsonContentType;

    /// <summary>The <c>WWW-Authenticate</c> header value, or <see langword="null"/>.</summary>
    public string? WwwAuthenticate { get; init; }

    /// <summary>
    /// Further response headers for the host to write as is (for example <c>DPoP-Nonce</c> or <c>Location</c>); keys
    /// compare case-insensitively. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>The library's code for an error response, or <see langword="null"/> on success.</summary>
    public ErrorCode? Code { get; init; }

    /// <summary>Whether the request succeeded (HTTP 2xx).</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>What a successful Credential Request issued (for logs and metrics: identifiers and a count only).</summary>
    internal Diagnostics.IssuanceSummary? Issued { get; init; }

    internal const string JsonContentType = "application/json";

    internal const string JwtContentType = "application/jwt";

    internal static IssuerEndpointResult Ok(string body) => new() { StatusCode = 200, Body = body };

    internal static IssuerEndpointResult Fail(ErrorCode code, string description)
    {
        var status = code == OpenId4VciErrors.InvalidToken ? 401
            : code == OpenId4VciErrors.InsufficientScope ? 403
            : code == OpenId4VciErrors.InvalidClient ? 401
            : code == OpenId4VciErrors.ServerError || code == OpenId4VciErrors.CredentialSubjectMismatch || code == OpenId4VciErrors.CredentialDefinitionMismatch ? 500
            : 400;
        string? challenge = null;
        if (code == OpenId4VciErrors.InvalidToken || code == OpenId4VciErrors.InsufficientScope)
        {
            challenge = $"Bearer error=\"{OpenId4VciErrors.ToProtocolError(code)}\"";
        }

        return new IssuerEndpointResult { StatusCode = status, Body = ProtocolErrorResponse.From(code, description).ToJson(), WwwAuthenticate = challenge, Code = code };
    }

    /// <inheritdoc />
    public override string ToString() => Code is { } code ? $"IssuerEndpointResult({StatusCode}, {code})" : $"IssuerEndpointResult({StatusCode})";
}
