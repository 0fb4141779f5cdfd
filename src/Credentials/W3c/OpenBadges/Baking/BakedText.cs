using System;

namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>Classifies credential text: a compact JWS or JSON (Open Badges 3.0 section 5.3 bakes either).</summary>
internal static class BakedText
{
    /// <summary>Three non-empty-header-and-payload base64url segments separated by two dots, nothing else.</summary>
    public static bool IsCompactJws(ReadOnlySpan<char> text)
    {
        var dots = 0;
        var segmentLength = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (segmentLength == 0 && dots < 2)
                {
                    return false;
                }

                dots++;
                segmentLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')
            {
                segmentLength++;
            }
            else
            {
                return false;
            }
        }

        return dots == 2;
    }

    /// <summary>The first character that is not JSON whitespace is <c>{</c>.</summary>
    public static bool IsJsonObject(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart(" \t\r\n");
        return trimmed.Length > 0 && trimmed[0] == '{';
    }

    /// <summary>Checks what a baker is given: a programmer error when it is neither form.</summary>
    public static void Validate(string credential, string paramName)
    {
        ArgumentNullException.ThrowIfNull(credential, paramName);
        if (!IsCompactJws(credential) && !IsJsonObject(credential))
        {
            throw new ArgumentException("The credential must be a compact JWS (VC-JWT) or the JSON of a credential with an embedded proof.", paramName);
        }
    }
}
