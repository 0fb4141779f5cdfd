using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace Credentials.OpenId4Vp;

/// <summary>
/// A wallet invocation (OpenID4VP 1.0 sections 5.4 and 13): an <c>openid4vp://?…</c> link (or any URL whose query
/// carries the request, for example a QR code's text) holding the request by value — as parameters or as a
/// <c>request</c> Request Object — or by reference (<c>request_uri</c>).
/// </summary>
public sealed record AuthorizationRequestLink
{
    /// <summary>The default maximum length of a link: 64 KiB.</summary>
    public const int DefaultMaxLength = 64 * 1024;

    /// <summary>Every query parameter, decoded, in order.</summary>
    public required ImmutableArray<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>The <c>client_id</c> parameter, if present.</summary>
    public string? ClientId => Get(RequestParameterNames.ClientId);

    /// <summary>The Request Object passed by value (<c>request</c>), if present.</summary>
    public string? Request => Get(RequestParameterNames.Request);

    /// <summary>The <c>request_uri</c>, if present.</summary>
    public string? RequestUri => Get(RequestParameterNames.RequestUri);

    /// <summary>The <c>request_uri_method</c>, if present.</summary>
    public string? RequestUriMethod => Get(RequestParameterNames.RequestUriMethod);

    /// <summary>Whether the request must be fetched from <see cref="RequestUri"/>.</summary>
    public bool IsByReference => RequestUri is not null;

    /// <summary>
    /// Parses a link: the part after the first <c>?</c> (or the whole text when it has no <c>?</c> and no scheme) as
    /// <c>application/x-www-form-urlencoded</c>. Never throws for bad input.
    /// </summary>
    /// <param name="link">The link or QR code text.</param>
    /// <param name="maxLength">The longest link accepted.</param>
    public static VerificationResult<AuthorizationRequestLink> Read(string link, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Length > maxLength)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "The link is longer than the limit.");
        }

        var text = link.Trim();
        var question = text.IndexOf('?', StringComparison.Ordinal);
        string query;
        if (question >= 0)
        {
            query = text[(question + 1)..];
        }
        else if (!text.Contains("://", StringComparison.Ordinal))
        {
            query = text;
        }
        else
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "The link has no query.");
        }

        var hash = query.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            query = query[..hash];
        }

        var parameters = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = Decode(equals < 0 ? string.Empty : pair[(equals + 1)..]);
            if (name is null || value is null)
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, "A parameter is not valid percent-encoded UTF-8.");
            }

            if (!seen.Add(name))
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, $"The parameter '{name}' is repeated.");
            }

            parameters.Add(new(name, value));
        }

        if (parameters.Count == 0)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "The link carries no parameters.");
        }

        return new AuthorizationRequestLink { Parameters = parameters.ToImmutable() };
    }

    /// <summary>Builds a link: <paramref name="baseUri"/> (for example <c>openid4vp://</c>) followed by the encoded parameters.</summary>
    /// <param name="baseUri">The wallet's authorization endpoint.</param>
    /// <param name="parameters">The parameters.</param>
    public static string Create(string baseUri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder(baseUri);
        builder.Append(baseUri.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        var first = true;
        foreach (var (name, value) in parameters)
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    private string? Get(string name)
    {
        foreach (var (key, value) in Parameters)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    private static string? Decode(string encoded)
    {
        // application/x-www-form-urlencoded: '+' is a space, %XX are bytes of strict UTF-8.
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length || !Uri.IsHexDigit(encoded[i + 1]) || !Uri.IsHexDigit(encoded[i + 2]))
                {
                    return null;
                }

                bytes.Add((byte)((Uri.FromHex(encoded[i + 1]) << 4) | Uri.FromHex(encoded[i + 2])));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        try
        {
            return s_strictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);


}
