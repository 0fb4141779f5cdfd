using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;

namespace Credentials.Internal;

/// <summary>JSON settings shared by every parser and writer in the library.</summary>
internal static class SafeJson
{
    /// <summary>The default maximum nesting depth for untrusted JSON.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>
    /// Untrusted input: duplicate member names are rejected (RFC 7515 section 5.2 and RFC 9901 section 4
    /// leave duplicates to the parser; accepting them lets two parsers see two different tokens).
    /// </summary>
    public static JsonDocumentOptions DocumentOptions(int maxDepth = DefaultMaxDepth) => new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = maxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>
    /// Writer settings: UTF-8 without escaping non-ASCII, so Japanese names stay readable and compact.
    /// Digests are always over the bytes as written, never over a re-serialization.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Serializer settings matching <see cref="WriterOptions"/>.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Parses untrusted UTF-8 JSON; returns <see langword="null"/> when it is not valid JSON.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> utf8, int maxDepth = DefaultMaxDepth)
    {
        try
        {
            var document = JsonDocument.Parse(utf8, DocumentOptions(maxDepth));
            if (HasWellFormedStrings(utf8.Span, document.RootElement))
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 surfaces as ArgumentException from some code paths.
            return null;
        }
        catch (InvalidOperationException)
        {
            // The duplicate-member check unescapes names and throws on a lone surrogate escape.
            return null;
        }
    }

    /// <summary>Parses untrusted JSON text; returns <see langword="null"/> when it is not valid JSON.</summary>
    public static JsonDocument? TryParse(string text, int maxDepth = DefaultMaxDepth)
    {
        try
        {
            return Validated(JsonDocument.Parse(text, DocumentOptions(maxDepth)));
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // JsonDocument accepts invalid UTF-8 inside strings and escaped lone surrogates ("\ud800") and only throws
    // InvalidOperationException when the string is read; JSON text must be UTF-8 with well-formed strings
    // (RFC 8259 section 8, RFC 7493 section 2.1), so reject such documents here, where rejecting cannot throw.
    private static JsonDocument? Validated(JsonDocument document)
    {
        if (HasValidStrings(document.RootElement))
        {
            return document;
        }

        document.Dispose();
        return null;
    }

    /// <summary>
    /// The same answer as <see cref="HasValidStrings"/> for a document parsed from <paramref name="utf8"/>, without
    /// materialising every string: one vectorized pass rejects invalid UTF-8 anywhere, and after it an ill-formed string
    /// can only come from a <c>\u</c> escape (a lone surrogate), so the per-string walk runs only when one is present.
    /// </summary>
    internal static bool HasWellFormedStrings(ReadOnlySpan<byte> utf8, JsonElement root)
        => Utf8.IsValid(utf8) && (utf8.IndexOf("\\u"u8) < 0 || HasValidStrings(root));

    /// <summary>Whether every member name and string value decodes to well-formed UTF-16.</summary>
    public static bool HasValidStrings(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        _ = member.Name;
                        if (!HasValidStrings(member.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!HasValidStrings(item))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Parses and returns a detached root element (one allocation, nothing pooled to return), or <see langword="false"/>.</summary>
    public static bool TryParseElement(ReadOnlyMemory<byte> utf8, out JsonElement element, int maxDepth = DefaultMaxDepth)
        => TryParseElement(utf8.Span, out element, maxDepth);

    /// <summary>Parses and returns a detached root element (the bytes are copied), or <see langword="false"/>.</summary>
    public static bool TryParseElement(ReadOnlySpan<byte> utf8, out JsonElement element, int maxDepth = DefaultMaxDepth)
    {
        try
        {
            element = JsonElement.Parse(utf8, DocumentOptions(maxDepth));
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
        catch (ArgumentException)
        {
            element = default;
            return false;
        }
        catch (InvalidOperationException)
        {
            // The duplicate-member check unescapes names and throws on a lone surrogate escape.
            element = default;
            return false;
        }

        if (!HasWellFormedStrings(utf8, element))
        {
            element = default;
            return false;
        }

        return true;
    }

    /// <summary>Reads a string member if present.</summary>
    public static bool TryGetString(this JsonElement obj, string name, [NotNullWhen(true)] out string? value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String)
        {
            value = p.GetString()!;
            return true;
        }

        value = null;
        return false;
    }
}
