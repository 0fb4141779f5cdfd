using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Credentials.W3c.Jcs;

/// <summary>
/// Writes the RFC 8785 canonical form of parsed JSON (<see cref="JsonElement"/> or <see cref="JsonNode"/>) to a buffer.
/// Never throws for bad input: returns the error instead (duplicate member names, lone surrogates, numbers with no
/// finite double value, nesting deeper than the limit).
/// </summary>
internal static class JcsWriter
{
    /// <summary>The deepest nesting written (the parsers' own limits are usually lower).</summary>
    public const int MaxDepth = 256;

    private static readonly Comparison<Entry> s_byName = static (a, b) => string.CompareOrdinal(a.Name, b.Name);

    /// <summary>Writes the canonical form of a value; <see langword="null"/> on success.</summary>
    public static VerificationError? TryWrite(JsonElement value, IBufferWriter<byte> output) => Write(value, output, 0);

    /// <summary>
    /// Writes the canonical form of an object with some members removed or replaced; <see langword="null"/> on success.
    /// </summary>
    public static VerificationError? TryWriteObject(JsonElement value, ReadOnlySpan<JcsOverride> overrides, IBufferWriter<byte> output)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The value is not a JSON object.", nameof(value));
        }

        return WriteObject(value, overrides, output, 0);
    }

    /// <summary>Writes the canonical form of a node; <see langword="null"/> on success.</summary>
    public static VerificationError? TryWrite(JsonNode? value, IBufferWriter<byte> output) => Write(value, output, 0);

    private static VerificationError? Write(JsonElement value, IBufferWriter<byte> output, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return WriteObject(value, [], output, depth);

            case JsonValueKind.Array:
                return WriteArray(value, output, depth);

            case JsonValueKind.String:
                return WriteString(value, output);

            case JsonValueKind.Number:
                return WriteNumber(value, output);

            case JsonValueKind.True:
                output.Write("true"u8);
                return null;

            case JsonValueKind.False:
                output.Write("false"u8);
                return null;

            case JsonValueKind.Null:
                output.Write("null"u8);
                return null;

            default:
                throw new ArgumentException("The JSON element has no value.", nameof(value));
        }
    }

    private static VerificationError? WriteArray(JsonElement value, IBufferWriter<byte> output, int depth)
    {
        if (depth >= MaxDepth)
        {
            return TooDeep();
        }

        WriteByte(output, (byte)'[');
        var first = true;
        foreach (var item in value.EnumerateArray())
        {
            if (!first)
            {
                WriteByte(output, (byte)',');
            }

            first = false;
            var error = Write(item, output, depth + 1);
            if (error is not null)
            {
                return error;
            }
        }

        WriteByte(output, (byte)']');
        return null;
    }

    // RFC 8785 section 3.2.3: members sorted by their names as arrays of UTF-16 code units (ordinal string order).
    private static VerificationError? WriteObject(JsonElement value, ReadOnlySpan<JcsOverride> overrides, IBufferWriter<byte> output, int depth)
    {
        if (depth >= MaxDepth)
        {
            return TooDeep();
        }

        var capacity = value.GetPropertyCount() + overrides.Length;

        var entries = ArrayPool<Entry>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            var count = 0;
            try
            {
                foreach (var member in value.EnumerateObject())
                {
                    var name = member.Name;
                    if (IndexOf(overrides, name) >= 0)
                    {
                        continue;
                    }

                    entries[count++] = new Entry(name, member.Value, -1);
                }
            }
            catch (InvalidOperationException)
            {
                // A member name with a lone surrogate escape cannot be decoded to UTF-16.
                return new VerificationError(JcsErrors.InvalidString, "A member name is not well-formed Unicode.");
            }

            for (var i = 0; i < overrides.Length; i++)
            {
                if (!overrides[i].IsRemoval)
                {
                    entries[count++] = new Entry(overrides[i].Name, default, i);
                }
            }

            var span = entries.AsSpan(0, count);
            span.Sort(s_byName);

            WriteByte(output, (byte)'{');
            for (var i = 0; i < span.Length; i++)
            {
                if (i > 0)
                {
                    // RFC 8785 section 3.1: the input must be I-JSON, whose member names are unique (RFC 7493 section 2.3).
                    if (string.Equals(span[i - 1].Name, span[i].Name, StringComparison.Ordinal))
                    {
                        return new VerificationError(JcsErrors.DuplicateMember, "An object has two members with the same name.");
                    }

                    WriteByte(output, (byte)',');
                }

                if (!WriteString(span[i].Name.AsSpan(), output))
                {
                    return new VerificationError(JcsErrors.InvalidString, "A member name is not well-formed Unicode.");
                }

                WriteByte(output, (byte)':');
                var error = span[i].Override < 0
                    ? Write(span[i].Value, output, depth + 1)
                    : WriteOverride(overrides[span[i].Override], output, depth + 1);
                if (error is not null)
                {
                    return error;
                }
            }

            WriteByte(output, (byte)'}');
            return null;
        }
        finally
        {
            entries.AsSpan(0, capacity).Clear();
            ArrayPool<Entry>.Shared.Return(entries);
        }
    }

    private static VerificationError? WriteOverride(JcsOverride replacement, IBufferWriter<byte> output, int depth)
    {
        if (replacement.Value is { } single)
        {
            return Write(single, output, depth);
        }

        if (depth >= MaxDepth)
        {
            return TooDeep();
        }

        var items = replacement.Items!;
        WriteByte(output, (byte)'[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                WriteByte(output, (byte)',');
            }

            var error = Write(items[i], output, depth + 1);
            if (error is not null)
            {
                return error;
            }
        }

        WriteByte(output, (byte)']');
        return null;
    }

    private static int IndexOf(ReadOnlySpan<JcsOverride> overrides, string name)
    {
        for (var i = 0; i < overrides.Length; i++)
        {
            if (string.Equals(overrides[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static VerificationError? WriteString(JsonElement value, IBufferWriter<byte> output)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var content = raw[1..^1];

        // Without escapes the raw text is already canonical: JSON forbids raw control characters, quotes and
        // backslashes inside strings, and RFC 8785 section 3.2.2.2 writes every other character as itself.
        if (content.IndexOf((byte)'\\') < 0)
        {
            if (!Utf8.IsValid(content))
            {
                return new VerificationError(JcsErrors.InvalidString, "A string is not valid UTF-8.");
            }

            output.Write(raw);
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return new VerificationError(JcsErrors.InvalidString, "A string is not well-formed Unicode.");
        }

        return WriteString(text.AsSpan(), output)
            ? null
            : new VerificationError(JcsErrors.InvalidString, "A string is not well-formed Unicode.");
    }

    /// <summary>
    /// Writes a string in the RFC 8785 section 3.2.2.2 form: quotes, backslashes and control characters escaped (with
    /// the short forms where JSON has them, else <c>\u00xx</c> in lowercase hex), every other character as UTF-8.
    /// Returns <see langword="false"/> for a lone surrogate.
    /// </summary>
    internal static bool WriteString(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        WriteByte(output, (byte)'"');
        while (!text.IsEmpty)
        {
            var run = IndexOfEscape(text);
            var plain = run < 0 ? text : text[..run];
            if (!plain.IsEmpty)
            {
                var destination = output.GetSpan(plain.Length * 3);
                if (Utf8.FromUtf16(plain, destination, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    return false;
                }

                output.Advance(written);
            }

            if (run < 0)
            {
                break;
            }

            WriteEscape(text[run], output);
            text = text[(run + 1)..];
        }

        WriteByte(output, (byte)'"');
        return true;
    }

    private static int IndexOfEscape(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteEscape(char c, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(6);
        span[0] = (byte)'\\';
        var length = 2;
        switch (c)
        {
            case '"':
                span[1] = (byte)'"';
                break;
            case '\\':
                span[1] = (byte)'\\';
                break;
            case '\b':
                span[1] = (byte)'b';
                break;
            case '\t':
                span[1] = (byte)'t';
                break;
            case '\n':
                span[1] = (byte)'n';
                break;
            case '\f':
                span[1] = (byte)'f';
                break;
            case '\r':
                span[1] = (byte)'r';
                break;
            default:
                span[1] = (byte)'u';
                span[2] = (byte)'0';
                span[3] = (byte)'0';
                span[4] = Hex(c >> 4);
                span[5] = Hex(c & 0xf);
                length = 6;
                break;
        }

        output.Advance(length);
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    private static VerificationError? WriteNumber(JsonElement value, IBufferWriter<byte> output)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);

        // An integer of at most 15 digits without a sign-only zero is already in its ECMAScript form.
        if (IsShortInteger(raw))
        {
            output.Write(raw);
            return null;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return new VerificationError(JcsErrors.NumberOutOfRange, "A number has no finite IEEE 754 double value.");
        }

        WriteNumber(number, output);
        return null;
    }

    /// <summary>Writes a finite double in its ECMAScript form (RFC 8785 section 3.2.2.3).</summary>
    internal static void WriteNumber(double number, IBufferWriter<byte> output)
    {
        var written = EcmaScriptNumber.Format(number, output.GetSpan(EcmaScriptNumber.MaxLength));
        output.Advance(written);
    }

    private static bool IsShortInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == '-' ? raw[1..] : raw;
        if (digits.IsEmpty || digits.Length > 15)
        {
            return false;
        }

        if (digits[0] == '0')
        {
            // "0" alone; "-0" is written "0".
            return digits.Length == 1 && raw.Length == 1;
        }

        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static VerificationError? Write(JsonNode? value, IBufferWriter<byte> output, int depth)
    {
        switch (value)
        {
            case null:
                output.Write("null"u8);
                return null;

            case JsonObject obj:
                return WriteObject(obj, output, depth);

            case JsonArray array:
            {
                if (depth >= MaxDepth)
                {
                    return TooDeep();
                }

                WriteByte(output, (byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte(output, (byte)',');
                    }

                    var error = Write(array[i], output, depth + 1);
                    if (error is not null)
                    {
                        return error;
                    }
                }

                WriteByte(output, (byte)']');
                return null;
            }

            case JsonValue leaf:
                return WriteValue(leaf, output);

            default:
                throw new ArgumentException("Unknown JSON node type.", nameof(value));
        }
    }

    private static VerificationError? WriteObject(JsonObject value, IBufferWriter<byte> output, int depth)
    {
        if (depth >= MaxDepth)
        {
            return TooDeep();
        }

        var members = new KeyValuePair<string, JsonNode?>[value.Count];
        var count = 0;
        foreach (var member in value)
        {
            members[count++] = member;
        }

        Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        WriteByte(output, (byte)'{');
        for (var i = 0; i < members.Length; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Key, members[i].Key, StringComparison.Ordinal))
                {
                    return new VerificationError(JcsErrors.DuplicateMember, "An object has two members with the same name.");
                }

                WriteByte(output, (byte)',');
            }

            if (!WriteString(members[i].Key.AsSpan(), output))
            {
                return new VerificationError(JcsErrors.InvalidString, "A member name is not well-formed Unicode.");
            }

            WriteByte(output, (byte)':');
            var error = Write(members[i].Value, output, depth + 1);
            if (error is not null)
            {
                return error;
            }
        }

        WriteByte(output, (byte)'}');
        return null;
    }

    private static VerificationError? WriteValue(JsonValue value, IBufferWriter<byte> output)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return Write(element, output, 0);
        }

        if (value.TryGetValue<string>(out var text))
        {
            return WriteString(text.AsSpan(), output)
                ? null
                : new VerificationError(JcsErrors.InvalidString, "A string is not well-formed Unicode.");
        }

        if (value.TryGetValue<bool>(out var flag))
        {
            output.Write(flag ? "true"u8 : "false"u8);
            return null;
        }

        if (value.TryGetValue<double>(out var number))
        {
            if (!double.IsFinite(number))
            {
                return new VerificationError(JcsErrors.NumberOutOfRange, "A number has no finite IEEE 754 double value.");
            }

            WriteNumber(number, output);
            return null;
        }

        // Any other CLR value (an int, a decimal, a Guid, a DateTimeOffset): its JSON text, canonicalized.
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Write(JsonElement.Parse(buffer.WrittenSpan), output, 0);
    }

    private static VerificationError TooDeep() => new(JcsErrors.InvalidJson, "The JSON is nested too deeply.");

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private readonly struct Entry(string name, JsonElement value, int replacement)
    {
        public string Name { get; } = name;

        public JsonElement Value { get; } = value;

        public int Override { get; } = replacement;
    }
}
