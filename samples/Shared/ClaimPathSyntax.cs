using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Credentials.SdJwt;

namespace Credentials.Samples;

/// <summary>
/// Claim paths as typed on a command line: dotted names (<c>address.region</c>), <c>[]</c> for every element of an
/// array (<c>results[]</c>), <c>[N]</c> for one element (<c>results[0]</c>), or the JSON array form of SD-JWT VC and
/// DCQL (<c>["age_equal_or_over","20"]</c>) when a name contains a dot or bracket. Lists are comma-separated.
/// </summary>
public static class ClaimPathSyntax
{
    /// <summary>Parses one path; throws a <see cref="CliException"/> (<see cref="CliErrors.InvalidClaimPathCode"/>) if malformed.</summary>
    public static ClaimPath Parse(string text)
        => TryParse(text, out var path) ? path : throw new CliException(CliErrors.InvalidClaimPath(text));

    /// <summary>Parses one path.</summary>
    public static bool TryParse(string? text, out ClaimPath path)
    {
        path = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.StartsWith('['))
        {
            if (ClaimPath.TryParse(text, out var parsed))
            {
                path = parsed;
                return true;
            }

            return false;
        }

        var components = new List<object?>();
        var name = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (name.Length == 0 && (i == 0 || text[i - 1] != ']'))
                {
                    return false;
                }

                Flush();
            }
            else if (c == '[')
            {
                Flush();
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    return false;
                }

                var inside = text.AsSpan(i + 1, end - i - 1);
                if (inside.Length == 0 || inside is "*")
                {
                    components.Add(null);
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    components.Add(index);
                }
                else
                {
                    return false;
                }

                i = end;
                if (i + 1 < text.Length && text[i + 1] is not '.' and not '[')
                {
                    return false;
                }
            }
            else if (c == ']')
            {
                return false;
            }
            else
            {
                name.Append(c);
            }
        }

        if (text.EndsWith('.'))
        {
            return false;
        }

        Flush();
        if (components.Count == 0)
        {
            return false;
        }

        path = ClaimPath.Create([.. components]);
        return true;

        void Flush()
        {
            if (name.Length > 0)
            {
                components.Add(name.ToString());
                name.Clear();
            }
        }
    }

    /// <summary>Parses a comma-separated list of paths (commas inside a JSON array path are kept).</summary>
    public static IReadOnlyList<ClaimPath> ParseList(string? text)
    {
        var paths = new List<ClaimPath>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return paths;
        }

        var depth = 0;
        var inString = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length)
            {
                var c = text[i];
                if (c == '"' && (i == 0 || text[i - 1] != '\\'))
                {
                    inString = !inString;
                }
                else if (!inString && c == '[' && IsJsonArrayStart(text, i, start))
                {
                    depth++;
                }
                else if (!inString && c == ']' && depth > 0)
                {
                    depth--;
                }

                if (c != ',' || depth > 0 || inString)
                {
                    continue;
                }
            }

            var part = text[start..i].Trim();
            if (part.Length > 0)
            {
                paths.Add(Parse(part));
            }

            start = i + 1;
        }

        return paths;
    }

    /// <summary>Formats a path in the dotted syntax when that round-trips, else as a JSON array.</summary>
    public static string Format(ClaimPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var builder = new StringBuilder();
        foreach (var component in path.Components)
        {
            if (component.IsAllElements)
            {
                builder.Append("[]");
            }
            else if (component.Name is null)
            {
                builder.Append('[').Append(component.ArrayIndex.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                if (component.Name.Length == 0 || component.Name.AsSpan().IndexOfAny(".[]\",") >= 0)
                {
                    return path.ToString();
                }

                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(component.Name);
            }
        }

        return builder.ToString();
    }

    private static bool IsJsonArrayStart(string text, int i, int start)
        => text.AsSpan(start, i - start).Trim().IsEmpty;
}
