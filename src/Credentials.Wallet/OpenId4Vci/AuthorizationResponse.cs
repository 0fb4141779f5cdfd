using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// Reads the Authorization Response the browser brings back to the redirect URI (RFC 6749 section 4.1.2, query
/// encoding) against the session that sent the request. Nothing is sent before it passes.
/// </summary>
internal static class AuthorizationResponse
{
    /// <summary>The longest redirect URL read (16 KiB).</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>
    /// The authorization code; or why the response must not be used: in order, the URL (not the session's redirect URI,
    /// a repeated parameter), the <c>state</c> (RFC 6749 section 10.12), the <c>iss</c> (RFC 9207 section 2.4), an
    /// <c>error</c> (section 4.1.2.1), and the <c>code</c>.
    /// </summary>
    public static VerificationResult<string> Read(AuthorizationCodeSession session, Uri redirect)
    {
        if (!redirect.IsAbsoluteUri || redirect.OriginalString.Length > MaxLength || !SameEndpoint(redirect, session.RedirectUri))
        {
            return new VerificationError(AuthorizationCodeErrors.InvalidRedirect, "The URL is not the session's redirect URI.");
        }

        var parameters = ParseQuery(redirect.Query);
        if (parameters is null)
        {
            return new VerificationError(AuthorizationCodeErrors.InvalidRedirect, "The redirect repeats a parameter (RFC 6749 section 3.1).");
        }

        // RFC 6749 section 10.12: the response must carry this session's state; compared in constant time.
        if (!parameters.TryGetValue("state", out var state) || !FixedTimeEquals(state, session.State))
        {
            return new VerificationError(AuthorizationCodeErrors.StateMismatch, "The response's state is missing or is not this session's.");
        }

        // RFC 9207 section 2.4: iss, when present (and it must be when the server announces it), is the server's issuer identifier.
        var server = session.Offer.AuthorizationServer;
        if (parameters.TryGetValue("iss", out var iss))
        {
            if (!string.Equals(iss, server.Issuer, StringComparison.Ordinal))
            {
                return new VerificationError(AuthorizationCodeErrors.IssuerMismatch, "The response's iss is not the Authorization Server's issuer identifier.");
            }
        }
        else if (server.AuthorizationResponseIssParameterSupported)
        {
            return new VerificationError(AuthorizationCodeErrors.IssuerMismatch, "The response has no iss although the Authorization Server announces it.");
        }

        if (parameters.TryGetValue("error", out var error))
        {
            return string.Equals(error, "access_denied", StringComparison.Ordinal)
                ? new VerificationError(AuthorizationCodeErrors.AccessDenied, "The authorization was denied.")
                : new VerificationError(AuthorizationCodeErrors.AuthorizationFailed, $"The Authorization Server answered {Printable(error)}.");
        }

        return parameters.TryGetValue("code", out var code) && code.Length > 0
            ? code
            : new VerificationError(AuthorizationCodeErrors.CodeMissing, "The response has neither code nor error.");
    }

    private static bool SameEndpoint(Uri candidate, Uri expected)
        => string.Equals(candidate.Scheme, expected.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(candidate.IdnHost, expected.IdnHost, StringComparison.OrdinalIgnoreCase)
            && candidate.Port == expected.Port
            && string.Equals(candidate.AbsolutePath, expected.AbsolutePath, StringComparison.Ordinal);

    // application/x-www-form-urlencoded query; null when a name repeats.
    private static Dictionary<string, string>? ParseQuery(string query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (!parameters.TryAdd(name, value))
            {
                return null;
            }
        }

        return parameters;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private static bool FixedTimeEquals(string actual, string expected)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));

    // The error code for a message: RFC 6749's error charset (%x20-21 / %x23-5B / %x5D-7E), at most 64 characters.
    private static string Printable(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 64));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 64)))
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?');
        }

        return builder.ToString();
    }
}
