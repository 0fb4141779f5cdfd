using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Credentials.W3c.Rdfc;

internal static partial class NQuads
{
    /// <summary>
    /// Reads an N-Quads 1.1 document strictly (W3C Recommendation, section 5 grammar): any syntax error, relative IRI,
    /// character IRIREF excludes (also when written as UCHAR), escape of a surrogate or of a code point beyond U+10FFFF
    /// is <see cref="RdfcErrors.InvalidNQuads"/>.
    /// </summary>
    /// <param name="nquads">The document.</param>
    /// <returns>The quads in document order, repeats removed (a dataset is a set), or the error.</returns>
    public static VerificationResult<IReadOnlyList<RdfQuad>> Read(string nquads)
    {
        ArgumentNullException.ThrowIfNull(nquads);
        var reader = new Reader(nquads);
        var quads = new List<RdfQuad>();
        var seen = new HashSet<RdfQuad>();
        while (true)
        {
            var status = reader.ReadStatement(out var quad);
            if (status == Reader.Status.End)
            {
                return quads;
            }

            if (status == Reader.Status.Error)
            {
                return new VerificationError(RdfcErrors.InvalidNQuads, reader.ErrorMessage);
            }

            if (seen.Add(quad))
            {
                quads.Add(quad);
            }
        }
    }

    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    // What ends the fast path through an IRIREF: its end, an escape, or a character IRIREF excludes.
    private static readonly SearchValues<char> s_iriStop = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F <>\"{}|^`\\");

    // What ends the fast path through STRING_LITERAL_QUOTE: its end, an escape, or a line break.
    private static readonly SearchValues<char> s_literalStop = SearchValues.Create("\"\\\n\r");

    private sealed class Reader(string text)
    {
        private readonly string _text = text;
        private readonly StringBuilder _value = new();
        private int _position;
        private int _line = 1;
        private string? _error;

        public enum Status
        {
            Quad,
            End,
            Error,
        }

        public string ErrorMessage => _error ?? "Invalid N-Quads.";

        public Status ReadStatement(out RdfQuad quad)
        {
            quad = default;

            // nquadsDoc ::= statement? (EOL statement)* EOL?  - blank and comment-only lines are skipped.
            while (true)
            {
                SkipSpaceAndComment();
                if (_position >= _text.Length)
                {
                    return Status.End;
                }

                if (!IsEol(_text[_position]))
                {
                    break;
                }

                ReadEol();
            }

            // statement ::= subject predicate object graphLabel? '.'
            if (!ReadSubjectOrGraph(out var subject, "subject"))
            {
                return Status.Error;
            }

            SkipSpace();
            if (!ReadIri(out var predicateIri, "predicate"))
            {
                return Status.Error;
            }

            SkipSpace();
            if (!ReadObject(out var obj))
            {
                return Status.Error;
            }

            SkipSpace();
            var graph = RdfTerm.DefaultGraph;
            if (Peek() is '<' or '_')
            {
                if (!ReadSubjectOrGraph(out graph, "graph label"))
                {
                    return Status.Error;
                }

                SkipSpace();
            }

            if (Peek() != '.')
            {
                return Fail("expected '.' at the end of the statement");
            }

            _position++;
            SkipSpaceAndComment();
            if (_position < _text.Length)
            {
                if (!IsEol(_text[_position]))
                {
                    return Fail("expected the end of the line after '.'");
                }

                ReadEol();
            }

            quad = new RdfQuad(subject, RdfTerm.Iri(predicateIri), obj, graph);
            return Status.Quad;
        }

        private bool ReadSubjectOrGraph(out RdfTerm term, string what)
        {
            term = default;
            switch (Peek())
            {
                case '<':
                    if (!ReadIri(out var iri, what))
                    {
                        return false;
                    }

                    term = RdfTerm.Iri(iri);
                    return true;
                case '_':
                    if (!ReadBlankNode(out var label))
                    {
                        return false;
                    }

                    term = RdfTerm.BlankNode(label);
                    return true;
                default:
                    Fail($"expected an IRI or a blank node as the {what}");
                    return false;
            }
        }

        private bool ReadObject(out RdfTerm term)
        {
            term = default;
            switch (Peek())
            {
                case '<':
                case '_':
                    return ReadSubjectOrGraph(out term, "object");
                case '"':
                    return ReadLiteral(out term);
                default:
                    Fail("expected an IRI, a blank node or a literal as the object");
                    return false;
            }
        }

        // IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'; N-Quads IRIs are absolute.
        private bool ReadIri(out string iri, string what)
        {
            iri = string.Empty;
            if (Peek() != '<')
            {
                Fail($"expected an IRI as the {what}");
                return false;
            }

            _position++;

            // Fast path: no escape, no excluded character, no surrogate before the closing '>'.
            var end = _text.AsSpan(_position).IndexOfAny(s_iriStop);
            if (end >= 0 && _text[_position + end] == '>' && !HasSurrogate(_text.AsSpan(_position, end)))
            {
                iri = _text.Substring(_position, end);
                _position += end + 1;
                if (!IsAbsolute(iri))
                {
                    Fail("an IRI is not absolute");
                    return false;
                }

                return true;
            }

            _value.Clear();
            while (true)
            {
                if (_position >= _text.Length)
                {
                    Fail("unterminated IRI");
                    return false;
                }

                var c = _text[_position];
                if (c == '>')
                {
                    _position++;
                    break;
                }

                if (c == '\\')
                {
                    if (!ReadUchar(out var rune))
                    {
                        return false;
                    }

                    if (rune.Value <= 0x20 || (rune.IsAscii && IsIriExcluded((char)rune.Value)))
                    {
                        Fail("an IRI escapes a character IRIs cannot contain");
                        return false;
                    }

                    _value.Append(rune.ToString());
                    continue;
                }

                if (c <= 0x20 || IsIriExcluded(c))
                {
                    Fail("an IRI contains a character IRIs cannot contain");
                    return false;
                }

                if (!AppendChar(c))
                {
                    return false;
                }
            }

            iri = _value.ToString();
            if (!IsAbsolute(iri))
            {
                Fail("an IRI is not absolute");
                return false;
            }

            return true;
        }

        // BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
        private bool ReadBlankNode(out string label)
        {
            label = string.Empty;
            if (_position + 1 >= _text.Length || _text[_position] != '_' || _text[_position + 1] != ':')
            {
                Fail("expected '_:' to start a blank node label");
                return false;
            }

            _position += 2;
            var start = _position;
            if (!TryPeekRune(out var first, out var firstLength) || !(IsPnCharsU(first) || (first.Value is >= '0' and <= '9')))
            {
                Fail("a blank node label starts with a character it cannot start with");
                return false;
            }

            _position += firstLength;
            var lastGood = _position;
            while (TryPeekRune(out var rune, out var length) && (IsPnChars(rune) || rune.Value == '.'))
            {
                _position += length;
                if (rune.Value != '.')
                {
                    lastGood = _position;
                }
            }

            // A label never ends in '.': the dots after the last PN_CHARS belong to what follows (the statement's end).
            _position = lastGood;
            label = _text[start.._position];
            return true;
        }

        // literal ::= STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)?
        private bool ReadLiteral(out RdfTerm term)
        {
            term = default;
            _position++;
            string lexical;

            // Fast path: no escape, no line break, no surrogate before the closing quote.
            var end = _text.AsSpan(_position).IndexOfAny(s_literalStop);
            if (end >= 0 && _text[_position + end] == '"' && !HasSurrogate(_text.AsSpan(_position, end)))
            {
                lexical = _text.Substring(_position, end);
                _position += end + 1;
                return ReadLiteralSuffix(lexical, out term);
            }

            _value.Clear();
            while (true)
            {
                if (_position >= _text.Length)
                {
                    Fail("unterminated literal");
                    return false;
                }

                var c = _text[_position];
                if (c == '"')
                {
                    _position++;
                    break;
                }

                if (c is '\n' or '\r')
                {
                    Fail("a literal contains an unescaped line break");
                    return false;
                }

                if (c == '\\')
                {
                    if (!ReadEscape())
                    {
                        return false;
                    }

                    continue;
                }

                if (!AppendChar(c))
                {
                    return false;
                }
            }

            lexical = _value.ToString();
            return ReadLiteralSuffix(lexical, out term);
        }

        private bool ReadLiteralSuffix(string lexical, out RdfTerm term)
        {
            term = default;
            if (Peek() == '@')
            {
                // LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*  (kept as written).
                _position++;
                var start = _position;
                while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '-'))
                {
                    _position++;
                }

                var tag = _text[start.._position];
                if (!RdfcByteBuffer.IsLanguageTag(tag))
                {
                    Fail("a language tag is not well-formed");
                    return false;
                }

                term = RdfTerm.Literal(lexical, language: tag);
                return true;
            }

            if (Peek() == '^')
            {
                if (_position + 1 >= _text.Length || _text[_position + 1] != '^')
                {
                    Fail("expected '^^' before a datatype IRI");
                    return false;
                }

                _position += 2;
                if (!ReadIri(out var datatype, "datatype"))
                {
                    return false;
                }

                term = RdfTerm.Literal(lexical, datatype);
                return true;
            }

            term = RdfTerm.Literal(lexical);
            return true;
        }

        // ECHAR ::= '\' [tbnrf"'\] ; UCHAR.
        private bool ReadEscape()
        {
            if (_position + 1 >= _text.Length)
            {
                Fail("an escape is cut short");
                return false;
            }

            char? echar = _text[_position + 1] switch
            {
                't' => '\t',
                'b' => '\b',
                'n' => '\n',
                'r' => '\r',
                'f' => '\f',
                '"' => '"',
                '\'' => '\'',
                '\\' => '\\',
                _ => null,
            };
            if (echar is { } e)
            {
                _value.Append(e);
                _position += 2;
                return true;
            }

            if (!ReadUchar(out var rune))
            {
                return false;
            }

            _value.Append(rune.ToString());
            return true;
        }

        // UCHAR ::= '\u' HEX HEX HEX HEX | '\U' HEX HEX HEX HEX HEX HEX HEX HEX
        private bool ReadUchar(out Rune rune)
        {
            rune = default;
            if (_position + 1 >= _text.Length || _text[_position + 1] is not ('u' or 'U'))
            {
                Fail("an escape is not \\u or \\U (or ECHAR in a literal)");
                return false;
            }

            var digits = _text[_position + 1] == 'u' ? 4 : 8;
            if (_position + 2 + digits > _text.Length
                || !int.TryParse(_text.AsSpan(_position + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                || _text.AsSpan(_position + 2, digits).ContainsAnyExcept(s_hexDigits))
            {
                Fail("a \\u or \\U escape does not have its hexadecimal digits");
                return false;
            }

            if (!Rune.IsValid(value))
            {
                Fail("a \\u or \\U escape names a surrogate or a code point beyond U+10FFFF");
                return false;
            }

            rune = new Rune(value);
            _position += 2 + digits;
            return true;
        }

        // Copies one character, or a surrogate pair; an unpaired surrogate is an error.
        private bool AppendChar(char c)
        {
            if (!char.IsSurrogate(c))
            {
                _value.Append(c);
                _position++;
                return true;
            }

            if (char.IsHighSurrogate(c) && _position + 1 < _text.Length && char.IsLowSurrogate(_text[_position + 1]))
            {
                _value.Append(c).Append(_text[_position + 1]);
                _position += 2;
                return true;
            }

            Fail("the text has an unpaired surrogate");
            return false;
        }

        private bool TryPeekRune(out Rune rune, out int length)
        {
            length = 0;
            rune = default;
            if (_position >= _text.Length || Rune.DecodeFromUtf16(_text.AsSpan(_position), out rune, out length) != OperationStatus.Done)
            {
                return false;
            }

            return true;
        }

        private static bool HasSurrogate(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private void SkipSpace()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t')
            {
                _position++;
            }
        }

        private void SkipSpaceAndComment()
        {
            SkipSpace();
            if (_position < _text.Length && _text[_position] == '#')
            {
                while (_position < _text.Length && !IsEol(_text[_position]))
                {
                    _position++;
                }
            }
        }

        private void ReadEol()
        {
            // EOL ::= [#xD#xA]+
            while (_position < _text.Length && IsEol(_text[_position]))
            {
                if (_text[_position] == '\n')
                {
                    _line++;
                }

                _position++;
            }
        }

        private Status Fail(string what)
        {
            _error ??= string.Create(CultureInfo.InvariantCulture, $"Invalid N-Quads at line {_line}: {what}.");
            return Status.Error;
        }

        private static bool IsEol(char c) => c is '\n' or '\r';

        private static bool IsIriExcluded(char c) => c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\';

        // An absolute IRI has a scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3987 section 2.2).
        private static bool IsAbsolute(string iri)
        {
            if (iri.Length == 0 || !char.IsAsciiLetter(iri[0]))
            {
                return false;
            }

            for (var i = 1; i < iri.Length; i++)
            {
                var c = iri[i];
                if (c == ':')
                {
                    return true;
                }

                if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
                {
                    return false;
                }
            }

            return false;
        }

        private static bool IsPnCharsBase(Rune r)
        {
            var v = r.Value;
            return v is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z')
                or (>= 0x00C0 and <= 0x00D6) or (>= 0x00D8 and <= 0x00F6) or (>= 0x00F8 and <= 0x02FF)
                or (>= 0x0370 and <= 0x037D) or (>= 0x037F and <= 0x1FFF) or (>= 0x200C and <= 0x200D)
                or (>= 0x2070 and <= 0x218F) or (>= 0x2C00 and <= 0x2FEF) or (>= 0x3001 and <= 0xD7FF)
                or (>= 0xF900 and <= 0xFDCF) or (>= 0xFDF0 and <= 0xFFFD) or (>= 0x10000 and <= 0xEFFFF);
        }

        private static bool IsPnCharsU(Rune r) => IsPnCharsBase(r) || r.Value is '_' or ':';

        private static bool IsPnChars(Rune r) =>
            IsPnCharsU(r) || r.Value is '-' or (>= '0' and <= '9') or 0x00B7 or (>= 0x0300 and <= 0x036F) or (>= 0x203F and <= 0x2040);
    }
}
