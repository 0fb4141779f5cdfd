using System;
using System.Buffers;
using System.Text;

namespace Credentials.W3c.JsonLd;

/// <summary>IRI and keyword helpers for the JSON-LD algorithms: forms, well-formedness and RFC 3986 resolution.</summary>
internal static class JsonLdIri
{
    // Characters no IRI holds (RFC 3987 section 2.2): controls, space, <>"{}|\^` and the C1 controls.
    private static readonly SearchValues<char> s_notInIri = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + " <>\"{}|\\^`"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F");

    /// <summary>Whether <paramref name="value"/> is one of the JSON-LD 1.1 keywords (JSON-LD 1.1 section 1.7).</summary>
    public static bool IsKeyword(string value)
    {
        if (value.Length < 3 || value[0] != '@')
        {
            return false;
        }

        switch (value)
        {
            case "@base":
            case "@container":
            case "@context":
            case "@direction":
            case "@graph":
            case "@id":
            case "@import":
            case "@included":
            case "@index":
            case "@json":
            case "@language":
            case "@list":
            case "@nest":
            case "@none":
            case "@prefix":
            case "@propagate":
            case "@protected":
            case "@reverse":
            case "@set":
            case "@type":
            case "@value":
            case "@version":
            case "@vocab":
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="value"/> has the form of a keyword: <c>"@"1*ALPHA</c> (JSON-LD 1.1 API section 4.2.2 step 5).</summary>
    public static bool HasKeywordForm(string value)
    {
        if (value.Length < 2 || value[0] != '@')
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the value starts with a blank node prefix <c>_:</c>.</summary>
    public static bool IsBlankNode(string value) => value.Length >= 2 && value[0] == '_' && value[1] == ':';

    /// <summary>Length of the scheme, or -1 when <paramref name="value"/> does not start with <c>scheme ":"</c> (RFC 3986 section 3.1).</summary>
    public static int SchemeLength(string value)
    {
        if (value.Length == 0 || !IsAsciiLetter(value[0]))
        {
            return -1;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return i;
            }

            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether <paramref name="value"/> has the form of an absolute IRI: a scheme, a colon, and no white space.
    /// </summary>
    public static bool IsAbsolute(string value)
    {
        if (SchemeLength(value) <= 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index of the first colon after the first character, or -1 (JSON-LD 1.1 API section 5.2.2 step 6).</summary>
    public static int ColonAfterFirst(string value) => value.Length > 1 ? value.IndexOf(':', 1) : -1;

    /// <summary>Whether an IRI ends with a gen-delim character (RFC 3986 section 2.2), which makes a simple term a prefix.</summary>
    public static bool EndsWithGenDelim(string iri)
    {
        if (iri.Length == 0)
        {
            return false;
        }

        var c = iri[^1];
        return c is ':' or '/' or '?' or '#' or '[' or ']' or '@';
    }

    /// <summary>
    /// Whether <paramref name="iri"/> is a well-formed absolute IRI for RDF (JSON-LD 1.1 API section 6.1: RFC 3987):
    /// a scheme, and no character that an IRI cannot hold (space, controls, <c>&lt;&gt;"{}|\^`</c>).
    /// </summary>
    public static bool IsWellFormedIri(string iri)
    {
        if (!IsAbsolute(iri))
        {
            return false;
        }

        var span = iri.AsSpan();
        return span.IndexOfAny(s_notInIri) < 0 && span.IndexOf('#') == span.LastIndexOf('#');
    }

    /// <summary>Whether a language tag is well-formed (BCP 47 section 2.2.9, the form RDF accepts: <c>[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*</c>).</summary>
    public static bool IsWellFormedLanguage(string tag)
    {
        var run = 0;
        var first = true;
        foreach (var c in tag)
        {
            if (c == '-')
            {
                if (run == 0)
                {
                    return false;
                }

                run = 0;
                first = false;
                continue;
            }

            var ok = first ? IsAsciiLetter(c) : IsAsciiLetter(c) || (c >= '0' && c <= '9');
            if (!ok || ++run > 8)
            {
                return false;
            }
        }

        return run > 0;
    }

    /// <summary>
    /// Resolves a relative reference against a base IRI (RFC 3986 section 5.2, without normalization, as the JSON-LD
    /// 1.1 API section 5.2.2 step 7 requires). With no base, or when the reference is already absolute, it is returned
    /// unchanged.
    /// </summary>
    public static string Resolve(string? baseIri, string reference)
    {
        if (baseIri is null)
        {
            return reference;
        }

        if (IsAbsolute(reference))
        {
            return reference;
        }

        var r = Split(reference);

        var b = Split(baseIri);
        string? authority;
        string path;
        string? query;
        if (r.HasAuthority)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.HasQuery ? r.Query : null;
        }
        else
        {
            if (r.Path.Length == 0)
            {
                path = b.Path;
                query = r.HasQuery ? r.Query : (b.HasQuery ? b.Query : null);
            }
            else
            {
                if (r.Path[0] == '/')
                {
                    path = RemoveDotSegments(r.Path);
                }
                else
                {
                    string merged;
                    if (b.HasAuthority && b.Path.Length == 0)
                    {
                        merged = "/" + r.Path;
                    }
                    else
                    {
                        var slash = b.Path.LastIndexOf('/');
                        merged = slash < 0 ? r.Path : string.Concat(b.Path.AsSpan(0, slash + 1), r.Path);
                    }

                    path = RemoveDotSegments(merged);
                }

                query = r.HasQuery ? r.Query : null;
            }

            authority = b.HasAuthority ? b.Authority : null;
        }

        return Recompose(b.Scheme, authority, path, query, r.HasFragment ? r.Fragment : null);
    }

    private static string Recompose(string scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new StringBuilder(scheme.Length + (authority?.Length ?? 0) + path.Length + (query?.Length ?? 0) + (fragment?.Length ?? 0) + 6);
        if (scheme.Length > 0)
        {
            sb.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            sb.Append("//").Append(authority);
        }

        sb.Append(path);
        if (query is not null)
        {
            sb.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            sb.Append('#').Append(fragment);
        }

        return sb.ToString();
    }

    /// <summary>RFC 3986 section 5.2.4.</summary>
    internal static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return path;
        }

        var input = path;
        var output = new StringBuilder(path.Length);
        var i = 0;
        while (i < input.Length)
        {
            var rest = input.AsSpan(i);
            if (rest.StartsWith("../", StringComparison.Ordinal))
            {
                i += 3;
            }
            else if (rest.StartsWith("./", StringComparison.Ordinal))
            {
                i += 2;
            }
            else if (rest.StartsWith("/./", StringComparison.Ordinal))
            {
                i += 2;
            }
            else if (rest.SequenceEqual("/."))
            {
                input = string.Concat(input.AsSpan(0, i), "/");
                i = input.Length - 1;
                // The loop continues with "/" as the rest of the input.
            }
            else if (rest.StartsWith("/../", StringComparison.Ordinal))
            {
                i += 3;
                RemoveLastSegment(output);
            }
            else if (rest.SequenceEqual("/.."))
            {
                RemoveLastSegment(output);
                input = string.Concat(input.AsSpan(0, i), "/");
                i = input.Length - 1;
            }
            else if (rest.SequenceEqual(".") || rest.SequenceEqual(".."))
            {
                i = input.Length;
            }
            else
            {
                var start = i;
                if (input[i] == '/')
                {
                    i++;
                }

                while (i < input.Length && input[i] != '/')
                {
                    i++;
                }

                output.Append(input, start, i - start);
            }
        }

        return output.ToString();
    }

    private static void RemoveLastSegment(StringBuilder output)
    {
        var length = output.Length;
        var j = length - 1;
        while (j >= 0 && output[j] != '/')
        {
            j--;
        }

        output.Length = j < 0 ? 0 : j;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static Parts Split(string iri)
    {
        var parts = default(Parts);
        var i = 0;
        var scheme = SchemeLength(iri);
        if (scheme > 0)
        {
            parts.HasScheme = true;
            parts.Scheme = iri[..scheme];
            i = scheme + 1;
        }
        else
        {
            parts.Scheme = string.Empty;
        }

        if (iri.Length - i >= 2 && iri[i] == '/' && iri[i + 1] == '/')
        {
            var start = i + 2;
            var end = start;
            while (end < iri.Length && iri[end] is not ('/' or '?' or '#'))
            {
                end++;
            }

            parts.HasAuthority = true;
            parts.Authority = iri[start..end];
            i = end;
        }
        else
        {
            parts.Authority = string.Empty;
        }

        var pathEnd = i;
        while (pathEnd < iri.Length && iri[pathEnd] is not ('?' or '#'))
        {
            pathEnd++;
        }

        parts.Path = iri[i..pathEnd];
        i = pathEnd;
        parts.Query = string.Empty;
        parts.Fragment = string.Empty;
        if (i < iri.Length && iri[i] == '?')
        {
            var queryEnd = iri.IndexOf('#', i);
            if (queryEnd < 0)
            {
                queryEnd = iri.Length;
            }

            parts.HasQuery = true;
            parts.Query = iri[(i + 1)..queryEnd];
            i = queryEnd;
        }

        if (i < iri.Length && iri[i] == '#')
        {
            parts.HasFragment = true;
            parts.Fragment = iri[(i + 1)..];
        }

        return parts;
    }

    private struct Parts
    {
        public bool HasScheme;
        public string Scheme;
        public bool HasAuthority;
        public string Authority;
        public string Path;
        public bool HasQuery;
        public string Query;
        public bool HasFragment;
        public string Fragment;
    }
}
