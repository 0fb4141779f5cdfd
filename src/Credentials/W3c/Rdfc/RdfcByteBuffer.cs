using System;
using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Credentials.W3c.Rdfc;

/// <summary>
/// A growable UTF-8 buffer with the writers of the canonical n-quads form (RDFC-1.0 appendix A). Not thread-safe; one
/// per canonicalization or serialization.
/// </summary>
internal sealed class RdfcByteBuffer
{
    // Appendix A: the ASCII code points STRING_LITERAL_QUOTE must escape (ECHAR or UCHAR). Above ASCII, U+FFFE, U+FFFF
    // and unpaired surrogates (not XML 1.1 Chars) are UCHAR too; they are looked for only in text that has code units
    // from U+D800 up, so the common search stays vectorized.
    private static readonly SearchValues<char> s_literalSpecial = SearchValues.Create(BuildLiteralSpecials());

    // IRIREF excludes U+0000-U+0020 and <>"{}|^`\ (N-Quads 1.1 grammar production [10]); non-ASCII is checked apart.
    private static readonly SearchValues<char> s_iriSpecial = SearchValues.Create(BuildIriSpecials());

    private static ReadOnlySpan<byte> HexUpper => "0123456789ABCDEF"u8;

    private byte[] _buffer;
    private int _length;

    public RdfcByteBuffer(int capacity) => _buffer = new byte[Math.Max(capacity, 16)];

    public int Length => _length;

    public byte[] Buffer => _buffer;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public void Reset() => _length = 0;

    public void Truncate(int length)
    {
        Debug.Assert(length <= _length);
        _length = length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes a non-negative number in decimal.</summary>
    public void WriteNumber(int value)
    {
        if (_buffer.Length - _length < 11)
        {
            Grow(11);
        }

        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>Writes UTF-16 text as UTF-8; unpaired surrogates are the caller's concern (they become U+FFFD).</summary>
    public void WriteUtf8(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length - _length < max)
        {
            Grow(max);
        }

        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>
    /// Writes <c>&lt;iri&gt;</c> when the IRI can be written natively: no character IRIREF excludes and no unpaired
    /// surrogate. Returns <see langword="false"/> (and writes nothing) otherwise. The canonicalizer refuses such IRIs,
    /// so that no two datasets share one canonical form.
    /// </summary>
    public bool TryWriteIriStrict(string? iri)
    {
        if (string.IsNullOrEmpty(iri) || iri.AsSpan().ContainsAny(s_iriSpecial))
        {
            return false;
        }

        var max = Encoding.UTF8.GetMaxByteCount(iri.Length) + 2;
        if (_buffer.Length - _length < max)
        {
            Grow(max);
        }

        var destination = _buffer.AsSpan(_length);
        destination[0] = (byte)'<';
        if (Utf8.FromUtf16(iri, destination[1..], out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        destination[written + 1] = (byte)'>';
        _length += written + 2;
        return true;
    }

    /// <summary>Writes <c>_:label</c>.</summary>
    public void WriteBlankNode(string label)
    {
        WriteByte((byte)'_');
        WriteByte((byte)':');
        WriteUtf8(label);
    }

    /// <summary>Writes <c>&lt;iri&gt;</c>. Characters IRIREF does not allow unescaped are written as UCHAR.</summary>
    public void WriteIri(string iri)
    {
        WriteByte((byte)'<');
        ReadOnlySpan<char> rest = iri;
        while (true)
        {
            var i = rest.IndexOfAny(s_iriSpecial);
            if (i < 0)
            {
                WriteText(rest, escapeNonChars: false);
                break;
            }

            WriteText(rest[..i], escapeNonChars: false);
            WriteUchar(rest[i]);
            rest = rest[(i + 1)..];
        }

        WriteByte((byte)'>');
    }

    /// <summary>Writes a literal in canonical form (RDFC-1.0 appendix A).</summary>
    public void WriteLiteral(in RdfTerm literal)
    {
        WriteByte((byte)'"');
        WriteLiteralText(literal.Value);
        WriteByte((byte)'"');
        if (literal.Language is not null)
        {
            WriteByte((byte)'@');
            WriteUtf8(literal.Language);
        }
        else if (literal.Datatype is not null && !string.Equals(literal.Datatype, RdfTerm.XsdString, StringComparison.Ordinal))
        {
            // Appendix A: xsd:string literals MUST NOT carry the datatype IRI.
            WriteByte((byte)'^');
            WriteByte((byte)'^');
            WriteIri(literal.Datatype);
        }
    }

    /// <summary>Writes a term (blank nodes with their own label).</summary>
    public void WriteTerm(in RdfTerm term)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                WriteIri(term.Value);
                break;
            case RdfTermKind.BlankNode:
                WriteBlankNode(term.Value);
                break;
            case RdfTermKind.Literal:
                WriteLiteral(term);
                break;
            default:
                break;
        }
    }

    /// <summary>Writes a quad in canonical n-quads form with its final <c>\n</c>.</summary>
    public void WriteQuad(in RdfQuad quad)
    {
        WriteTerm(quad.Subject);
        WriteByte((byte)' ');
        WriteTerm(quad.Predicate);
        WriteByte((byte)' ');
        WriteTerm(quad.Object);
        WriteByte((byte)' ');
        if (quad.Graph.Kind != RdfTermKind.DefaultGraph)
        {
            WriteTerm(quad.Graph);
            WriteByte((byte)' ');
        }

        WriteByte((byte)'.');
        WriteByte((byte)'\n');
    }

    /// <summary><see langword="true"/> for a tag of the LANGTAG production: <c>[a-zA-Z]+ ('-' [a-zA-Z0-9]+)*</c>.</summary>
    public static bool IsLanguageTag(string tag)
    {
        if (tag.Length == 0)
        {
            return false;
        }

        var subtagLength = 0;
        var first = true;
        foreach (var c in tag)
        {
            if (c == '-')
            {
                if (subtagLength == 0)
                {
                    return false;
                }

                subtagLength = 0;
                first = false;
            }
            else if (char.IsAsciiLetter(c) || (!first && char.IsAsciiDigit(c)))
            {
                subtagLength++;
            }
            else
            {
                return false;
            }
        }

        return subtagLength > 0;
    }

    /// <summary>Writes the escaped content of STRING_LITERAL_QUOTE (appendix A), without the quotes.</summary>
    public void WriteLiteralText(ReadOnlySpan<char> rest)
    {
        while (true)
        {
            var i = rest.IndexOfAny(s_literalSpecial);
            if (i < 0)
            {
                WriteText(rest, escapeNonChars: true);
                return;
            }

            WriteText(rest[..i], escapeNonChars: true);
            switch (rest[i])
            {
                // Appendix A: BS, HT, LF, FF, CR, '"' and '\' MUST be ECHAR.
                case '\b': WriteEchar((byte)'b'); break;
                case '\t': WriteEchar((byte)'t'); break;
                case '\n': WriteEchar((byte)'n'); break;
                case '\f': WriteEchar((byte)'f'); break;
                case '\r': WriteEchar((byte)'r'); break;
                case '"': WriteEchar((byte)'"'); break;
                case '\\': WriteEchar((byte)'\\'); break;

                // Appendix A: U+0000-U+0007, VT, U+000E-U+001F and DEL MUST be UCHAR.
                default: WriteUchar(rest[i]); break;
            }

            rest = rest[(i + 1)..];
        }
    }

    /// <summary>
    /// Writes text natively as UTF-8, except unpaired surrogates, and (in literals) U+FFFE and U+FFFF, which are not
    /// XML 1.1 Chars: those are UCHAR (appendix A).
    /// </summary>
    private void WriteText(ReadOnlySpan<char> text, bool escapeNonChars)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uFFFF') < 0)
        {
            WriteUtf8(text);
            return;
        }

        while (!text.IsEmpty)
        {
            var i = text.IndexOfAnyInRange('\uD800', '\uFFFF');
            if (i < 0)
            {
                WriteUtf8(text);
                return;
            }

            WriteUtf8(text[..i]);
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                WriteUtf8(text.Slice(i, 2));
                i++;
            }
            else if (char.IsSurrogate(c) || (escapeNonChars && c >= '\uFFFE'))
            {
                WriteUchar(c);
            }
            else
            {
                WriteUtf8(text.Slice(i, 1));
            }

            text = text[(i + 1)..];
        }
    }

    private void WriteEchar(byte c)
    {
        WriteByte((byte)'\\');
        WriteByte(c);
    }

    private void WriteUchar(char c)
    {
        // Appendix A: a lowercase \u and four uppercase HEX digits.
        if (_buffer.Length - _length < 6)
        {
            Grow(6);
        }

        var d = _buffer.AsSpan(_length, 6);
        d[0] = (byte)'\\';
        d[1] = (byte)'u';
        d[2] = HexUpper[(c >> 12) & 0xF];
        d[3] = HexUpper[(c >> 8) & 0xF];
        d[4] = HexUpper[(c >> 4) & 0xF];
        d[5] = HexUpper[c & 0xF];
        _length += 6;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(_buffer.Length * 2, _length + needed);
        Array.Resize(ref _buffer, size);
    }

    private static string BuildLiteralSpecials()
    {
        var chars = new StringBuilder();
        for (var c = 0; c < 0x20; c++)
        {
            chars.Append((char)c);
        }

        return chars.Append('"').Append('\\').Append('\u007F').ToString();
    }

    private static string BuildIriSpecials()
    {
        var chars = new StringBuilder();
        for (var c = 0; c <= 0x20; c++)
        {
            chars.Append((char)c);
        }

        chars.Append("<>\"{}|^`\\");
        return chars.ToString();
    }
}
