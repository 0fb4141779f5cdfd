using System;

namespace Credentials.Dids;

/// <summary>The ABNF of DID Core 1.0 sections 3.1 and 3.2 (and RFC 3986 for paths, queries and fragments).</summary>
internal static class DidSyntax
{
    /// <summary>The longest DID or DID URL accepted, a guard against unbounded input.</summary>
    public const int MaxLength = 8192;

    /// <summary>
    /// Finds where the DID ends in <paramref name="text"/>, or returns -1 when the text does not start with a DID.
    /// </summary>
    /// <remarks>
    /// DID Core 3.1: <c>did = "did:" method-name ":" method-specific-id</c>;
    /// <c>method-name = 1*method-char</c>, <c>method-char = %x61-7A / DIGIT</c>;
    /// <c>method-specific-id = *( *idchar ":" ) 1*idchar</c>;
    /// <c>idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded</c>.
    /// </remarks>
    public static int ScanDid(ReadOnlySpan<char> text, out int methodEnd)
    {
        methodEnd = -1;
        if (text.Length > MaxLength || !text.StartsWith("did:", StringComparison.Ordinal))
        {
            return -1;
        }

        var i = 4;
        while (i < text.Length && (text[i] is >= 'a' and <= 'z' || char.IsAsciiDigit(text[i])))
        {
            i++;
        }

        // DID Core 3.1: the method name has at least one character and is followed by ':'.
        if (i == 4 || i >= text.Length || text[i] != ':')
        {
            return -1;
        }

        methodEnd = i;
        i++;
        var lastWasIdChar = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                lastWasIdChar = true;
                i++;
            }
            else if (c == '%')
            {
                if (!IsPctEncoded(text, i))
                {
                    return -1;
                }

                lastWasIdChar = true;
                i += 3;
            }
            else if (c == ':')
            {
                lastWasIdChar = false;
                i++;
            }
            else
            {
                break;
            }
        }

        // DID Core 3.1: the method-specific id ends with at least one idchar (never with ':' or empty).
        return lastWasIdChar ? i : -1;
    }

    /// <summary>Whether the text from <paramref name="start"/> is <c>path-abempty [ "?" query ] [ "#" fragment ]</c>.</summary>
    public static bool TryScanRest(ReadOnlySpan<char> text, int start, out int pathEnd, out int queryEnd)
    {
        pathEnd = queryEnd = start;
        var i = start;

        // RFC 3986: path-abempty = *( "/" segment ), segment = *pchar
        if (i < text.Length && text[i] is not ('/' or '?' or '#'))
        {
            return false;
        }

        while (i < text.Length && text[i] is not ('?' or '#'))
        {
            if (text[i] == '/')
            {
                i++;
            }
            else if (!TryConsumePChar(text, ref i))
            {
                return false;
            }
        }

        pathEnd = i;
        if (i < text.Length && text[i] == '?')
        {
            i++;
            while (i < text.Length && text[i] != '#')
            {
                if (!TryConsumeQueryChar(text, ref i))
                {
                    return false;
                }
            }
        }

        queryEnd = i;
        if (i < text.Length && text[i] == '#')
        {
            i++;
            while (i < text.Length)
            {
                if (!TryConsumeQueryChar(text, ref i))
                {
                    return false;
                }
            }
        }

        return i == text.Length;
    }

    /// <summary>RFC 3986: <c>query = fragment = *( pchar / "/" / "?" )</c>.</summary>
    private static bool TryConsumeQueryChar(ReadOnlySpan<char> text, ref int i)
    {
        if (text[i] is '/' or '?')
        {
            i++;
            return true;
        }

        return TryConsumePChar(text, ref i);
    }

    /// <summary>RFC 3986: <c>pchar = unreserved / pct-encoded / sub-delims / ":" / "@"</c>.</summary>
    private static bool TryConsumePChar(ReadOnlySpan<char> text, ref int i)
    {
        var c = text[i];
        if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@')
        {
            i++;
            return true;
        }

        if (c == '%' && IsPctEncoded(text, i))
        {
            i += 3;
            return true;
        }

        return false;
    }

    private static bool IsPctEncoded(ReadOnlySpan<char> text, int i)
        => i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]);
}
