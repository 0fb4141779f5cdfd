using System;
using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The HTTP facts of a request to an <see cref="OpenId4VciIssuer"/> endpoint that the protocol needs besides its body:
/// the method, the absolute URL the client addressed (the DPoP <c>htu</c>, RFC 9449 section 4.3) and the headers
/// (<c>Authorization</c>, <c>DPoP</c>, <c>OAuth-Client-Attestation</c> …). A web host builds it from its request;
/// <c>Credentials.AspNetCore</c>'s endpoints do.
/// </summary>
public sealed record IssuerHttpRequest
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The HTTP method, upper case (for example <c>POST</c>).</summary>
    public required string Method { get; init; }

    /// <summary>The absolute URL the client addressed, without query or fragment.</summary>
    public required Uri Url { get; init; }

    /// <summary>The request headers, each with every value received; keys compare case-insensitively. Default none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = NoHeaders;

    /// <summary>
    /// The value of a header received exactly once, or <see langword="null"/> when it is absent or repeated (a repeated
    /// <c>Authorization</c> or <c>DPoP</c> header is as bad as none).
    /// </summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The single value, or <see langword="null"/>.</returns>
    public string? GetSingleHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Headers.TryGetValue(name, out var values))
        {
            return values.Count == 1 ? values[0] : null;
        }

        // A dictionary built with an ordinal comparer still answers, as its contract promises case-insensitive keys.
        string? found = null;
        var count = 0;
        foreach (var (key, list) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                count += list.Count;
                found = list.Count == 1 ? list[0] : null;
            }
        }

        return count == 1 ? found : null;
    }

    /// <summary>Creates a request with at most an <c>Authorization</c> header (the overloads without <see cref="IssuerHttpRequest"/>).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The absolute URL addressed.</param>
    /// <param name="authorization">The <c>Authorization</c> header, if any.</param>
    /// <returns>The request.</returns>
    internal static IssuerHttpRequest Create(string method, string url, string? authorization = null)
        => new()
        {
            Method = method,
            Url = new Uri(url, UriKind.Absolute),
            Headers = authorization is null
                ? NoHeaders
                : new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = [authorization] },
        };
}
