using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Credentials.W3c.Jcs;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): the one byte sequence a JSON value has when its members are sorted,
/// its whitespace removed, its strings written with the minimal escapes and its numbers in their ECMAScript form.
/// Strict: duplicate member names and lone surrogates are refused, never silently resolved. Thread-safe.
/// </summary>
/// <remarks>
/// Data Integrity's <c>eddsa-jcs-2022</c> and <c>ecdsa-jcs-2019</c> hash this form, and JSON-LD uses it for
/// <c>@json</c> literals. Numbers are IEEE 754 doubles (RFC 8785 section 3.2.2.3): an integer beyond 2^53 is written as
/// the double nearest to it, as JavaScript would.
/// </remarks>
public static class JsonCanonicalizer
{
    /// <summary>The default nesting limit of <see cref="Read(ReadOnlySpan{byte}, int)"/>.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Returns the canonical UTF-8 form of a parsed JSON value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="ArgumentException">The value cannot be canonicalized: an object has duplicate member names, a
    /// string holds a lone surrogate, or a number has no finite double value (read untrusted JSON with
    /// <see cref="Read(ReadOnlySpan{byte}, int)"/> instead).</exception>
    public static byte[] Canonicalize(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Canonicalize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical UTF-8 form of a parsed JSON value to a buffer.</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">The buffer; on an exception it may hold part of the output.</param>
    /// <exception cref="ArgumentException">The value cannot be canonicalized (see <see cref="Canonicalize(JsonElement)"/>).</exception>
    public static void Canonicalize(JsonElement value, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("The JSON element has no value.", nameof(value));
        }

        var error = JcsWriter.TryWrite(value, destination);
        if (error is not null)
        {
            throw new ArgumentException($"The JSON cannot be canonicalized ({error.Code}).", nameof(value));
        }
    }

    /// <summary>Returns the canonical UTF-8 form of a JSON node (<see langword="null"/> is the JSON <c>null</c>).</summary>
    /// <param name="value">The node.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="ArgumentException">A string holds a lone surrogate, a number is NaN or infinite, or the nodes are
    /// nested more than 256 deep.</exception>
    public static byte[] Canonicalize(JsonNode? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var error = JcsWriter.TryWrite(value, buffer);
        if (error is not null)
        {
            throw new ArgumentException($"The JSON cannot be canonicalized ({error.Code}).", nameof(value));
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads untrusted UTF-8 JSON text and returns its canonical form. Never throws for bad input.
    /// </summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <returns>The canonical UTF-8 bytes, or <see cref="JcsErrors.InvalidJson"/>, <see cref="JcsErrors.DuplicateMember"/>,
    /// <see cref="JcsErrors.InvalidString"/> or <see cref="JcsErrors.NumberOutOfRange"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is not positive.</exception>
    public static VerificationResult<byte[]> Read(ReadOnlySpan<byte> utf8Json, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);

        // RFC 8785 section 3.1 (I-JSON, RFC 7493 section 2.1): the text must be UTF-8.
        if (!Utf8.IsValid(utf8Json))
        {
            return new VerificationError(JcsErrors.InvalidJson, "The input is not valid UTF-8.");
        }

        JsonElement root;
        try
        {
            // Duplicates are let through the parser so that the canonicalizer reports them with their own code.
            root = JsonElement.Parse(utf8Json, new JsonDocumentOptions
            {
                AllowDuplicateProperties = true,
                MaxDepth = Math.Min(maxDepth, JcsWriter.MaxDepth),
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
            });
        }
        catch (JsonException)
        {
            return new VerificationError(JcsErrors.InvalidJson, "The input is not JSON text.");
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, utf8Json.Length));
        var error = JcsWriter.TryWrite(root, buffer);
        return error is null ? buffer.WrittenSpan.ToArray() : error;
    }
}
