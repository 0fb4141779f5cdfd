using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;

namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>
/// Reads and writes the <c>openbadges:credential</c> element of an SVG (Open Badges 3.0 section 5.3). The SVG must be
/// UTF-8; it is read with <see cref="XmlReader"/> with DTDs prohibited and no resolver, so no entity is expanded and
/// nothing is fetched. Baking edits the text in place: everything but the credential element and the namespace
/// declaration is kept byte for byte.
/// </summary>
internal static class SvgBadge
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>Section 5.3 (SVG baking): the namespace of the <c>openbadges:credential</c> element.</summary>
    public const string OpenBadgesNamespace = "https://purl.imsglobal.org/ob/v3p0";

    private const string ElementName = "credential";
    private const string Prefix = "openbadges";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Document,
        CloseInput = true,
    };

    /// <summary>Reads the one baked credential.</summary>
    public static VerificationResult<BakedCredential> Read(ReadOnlySpan<byte> svg, BadgeBakingOptions options)
    {
        var decoded = Decode(svg, options);
        if (!decoded.IsValid)
        {
            return decoded.Error;
        }

        var walk = Walk(decoded.Value.Text, options, locate: false);
        if (!walk.IsValid)
        {
            return walk.Error;
        }

        return walk.Value.Credential is { } text
            ? new BakedCredential(text, BadgeImageFormat.Svg)
            : new VerificationError(OpenBadgeBakingErrors.NoCredential, "The SVG has no openbadges:credential element.");
    }

    /// <summary>
    /// Bakes: every existing credential element is removed, the <c>xmlns:openbadges</c> declaration is added to the root
    /// when it is missing, and the new element goes directly after the root's start tag.
    /// </summary>
    public static VerificationResult<byte[]> Bake(ReadOnlySpan<byte> svg, string credential, BadgeBakingOptions options)
    {
        var element = CredentialElement(credential, options);
        var decoded = Decode(svg, options);
        if (!decoded.IsValid)
        {
            return decoded.Error;
        }

        var (text, hadBom) = decoded.Value;
        var walkResult = Walk(text, options, locate: true);
        if (!walkResult.IsValid)
        {
            return walkResult.Error;
        }

        var walk = walkResult.Value;
        var output = new StringBuilder(text.Length + element.Length + 64);
        var rootNameEnd = walk.RootNameStart + walk.RootName.Length;
        output.Append(text, 0, rootNameEnd);
        if (!walk.DeclaresOpenBadges)
        {
            // Section 5.3: add an xmlns:openbadges attribute to the <svg> tag.
            output.Append(" xmlns:").Append(Prefix).Append("=\"").Append(OpenBadgesNamespace).Append('"');
        }

        // Section 5.3: directly after the <svg> tag, add an <openbadges:credential> tag.
        if (walk.RootIsEmpty)
        {
            // <svg .../> becomes <svg ...>credential</svg>; "/>" is two adjacent characters in XML.
            output.Append(text, rootNameEnd, walk.RootTagEnd - 1 - rootNameEnd).Append('>').Append(element)
                .Append("</").Append(walk.RootName).Append('>');
            output.Append(text, walk.RootTagEnd + 1, text.Length - walk.RootTagEnd - 1);
        }
        else
        {
            output.Append(text, rootNameEnd, walk.RootTagEnd + 1 - rootNameEnd).Append(element);
            var from = walk.RootTagEnd + 1;
            foreach (var (start, end) in walk.CredentialElements)
            {
                output.Append(text, from, start - from);
                from = end;
            }

            output.Append(text, from, text.Length - from);
        }

        var result = output.ToString();
        var bytes = new byte[(hadBom ? Bom.Length : 0) + s_strictUtf8.GetByteCount(result)];
        if (hadBom)
        {
            Bom.CopyTo(bytes);
        }

        s_strictUtf8.GetBytes(result, bytes.AsSpan(hadBom ? Bom.Length : 0));
        return bytes;
    }

    /// <summary>Looks like XML: optional BOM and whitespace, then <c>&lt;</c>.</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(Bom))
        {
            data = data[Bom.Length..];
        }

        data = data.TrimStart(" \t\r\n"u8);
        return data.Length > 0 && data[0] == (byte)'<';
    }

    private static VerificationResult<(string Text, bool HadBom)> Decode(ReadOnlySpan<byte> svg, BadgeBakingOptions options)
    {
        if (svg.Length > options.MaxImageBytes)
        {
            return new VerificationError(OpenBadgeBakingErrors.TooLarge, "The image is longer than the limit.");
        }

        var hadBom = svg.StartsWith(Bom);
        try
        {
            return (s_strictUtf8.GetString(hadBom ? svg[Bom.Length..] : svg), hadBom);
        }
        catch (DecoderFallbackException)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidSvg, "The SVG is not UTF-8.");
        }
    }

    // JWT: the verify attribute. Embedded proof: the JSON in CDATA (section 5.3). "]]>" is split across two CDATA
    // sections and a carriage return becomes a character reference, so the text reads back exactly (XML would
    // otherwise normalize line ends).
    private static string CredentialElement(string credential, BadgeBakingOptions options)
    {
        BakedText.Validate(credential, nameof(credential));
        if (s_strictUtf8.GetByteCount(credential) > options.MaxCredentialBytes)
        {
            throw new ArgumentException("The credential is longer than BadgeBakingOptions.MaxCredentialBytes.", nameof(credential));
        }

        try
        {
            XmlConvert.VerifyXmlChars(credential);
        }
        catch (XmlException ex)
        {
            throw new ArgumentException("The credential holds characters that XML cannot carry.", nameof(credential), ex);
        }

        var qualified = Prefix + ":" + ElementName;
        var element = new StringBuilder(credential.Length + 96);
        element.Append('<').Append(qualified);
        if (BakedText.IsCompactJws(credential))
        {
            element.Append(" verify=\"").Append(credential).Append("\"></").Append(qualified).Append('>');
            return element.ToString();
        }

        element.Append("><![CDATA[");
        for (var i = 0; i < credential.Length; i++)
        {
            var c = credential[i];
            if (c == '\r')
            {
                element.Append("]]>&#13;<![CDATA[");
            }
            else if (c == '>' && i >= 2 && credential[i - 1] == ']' && credential[i - 2] == ']')
            {
                element.Append("]]><![CDATA[>");
            }
            else
            {
                element.Append(c);
            }
        }

        element.Append("]]></").Append(qualified).Append('>');
        return element.ToString();
    }

    private static VerificationResult<SvgWalk> Walk(string text, BadgeBakingOptions options, bool locate)
    {
        var walk = new SvgWalk();
        var lineStarts = locate ? LineStarts(text) : null;
        var found = 0;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), s_settings);
            var lineInfo = (IXmlLineInfo)reader;
            var rootSeen = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.XmlDeclaration)
                {
                    var encoding = reader.GetAttribute("encoding");
                    if (encoding is not null && !string.Equals(encoding, "UTF-8", StringComparison.OrdinalIgnoreCase))
                    {
                        return new VerificationError(OpenBadgeBakingErrors.InvalidSvg, "The SVG declares an encoding other than UTF-8.");
                    }

                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.Depth + 1 > options.MaxSvgDepth)
                {
                    return new VerificationError(OpenBadgeBakingErrors.TooDeep, "The SVG's elements are nested deeper than the limit.");
                }

                if (!rootSeen)
                {
                    rootSeen = true;
                    if (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace)
                    {
                        return new VerificationError(OpenBadgeBakingErrors.NotSvg, "The root element is not svg in the SVG namespace.");
                    }

                    if (locate && LocateRoot(reader, lineInfo, lineStarts!, text, walk) is { } rootError)
                    {
                        return rootError;
                    }

                    continue;
                }

                if (reader.LocalName != ElementName || reader.NamespaceURI != OpenBadgesNamespace)
                {
                    continue;
                }

                // Section 5.3 (SVG baking): there MUST be only one <openbadges:credential> tag.
                if (++found > 1 && !locate)
                {
                    return new VerificationError(OpenBadgeBakingErrors.MultipleCredentials, "The SVG has more than one openbadges:credential element.");
                }

                var start = locate ? Offset(lineStarts!, lineInfo) - 1 : 0;
                var credential = ReadCredentialElement(reader, options, out var end, lineInfo, lineStarts, text);
                if (!credential.IsValid && (!locate || credential.Error.Code == OpenBadgeBakingErrors.TooDeep))
                {
                    return credential.Error;
                }

                if (locate)
                {
                    walk.CredentialElements.Add((start, end));
                }
                else
                {
                    walk.Credential = credential.Value;
                }
            }
        }
        catch (XmlException)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidSvg, "The SVG is not well-formed XML, or it has a document type declaration.");
        }

        return walk;
    }

    private static VerificationError? LocateRoot(XmlReader reader, IXmlLineInfo lineInfo, List<int> lineStarts, string text, SvgWalk walk)
    {
        walk.RootName = reader.Name;
        walk.RootNameStart = Offset(lineStarts, lineInfo);
        walk.RootIsEmpty = reader.IsEmptyElement;
        while (reader.MoveToNextAttribute())
        {
            if (reader.Prefix == "xmlns" && reader.LocalName == Prefix)
            {
                if (reader.Value != OpenBadgesNamespace)
                {
                    return new VerificationError(OpenBadgeBakingErrors.InvalidSvg, "The root binds the openbadges prefix to another namespace.");
                }

                walk.DeclaresOpenBadges = true;
            }
        }

        reader.MoveToElement();
        walk.RootTagEnd = TagEnd(text, walk.RootNameStart);
        return string.CompareOrdinal(text, walk.RootNameStart, walk.RootName, 0, walk.RootName.Length) == 0 && walk.RootTagEnd > 0
            ? null
            : new VerificationError(OpenBadgeBakingErrors.InvalidSvg, "The root's start tag could not be located.");
    }

    // Reads the element's content up to its end tag. The JWT is the verify attribute; otherwise the body: the CDATA
    // sections exactly (with what lies between them) when only whitespace surrounds them, else the trimmed text.
    private static VerificationResult<string> ReadCredentialElement(
        XmlReader reader, BadgeBakingOptions options, out int end, IXmlLineInfo lineInfo, List<int>? lineStarts, string text)
    {
        end = 0;
        var verify = reader.GetAttribute("verify");
        var parts = new List<(XmlNodeType Type, string Value)>();
        var length = 0;
        var hasChildElement = false;
        if (reader.IsEmptyElement)
        {
            if (lineStarts is not null)
            {
                end = TagEnd(text, Offset(lineStarts, lineInfo)) + 1;
            }
        }
        else
        {
            var depth = reader.Depth;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    if (lineStarts is not null)
                    {
                        end = TagEnd(text, Offset(lineStarts, lineInfo)) + 1;
                    }

                    break;
                }

                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth + 1 > options.MaxSvgDepth)
                        {
                            return new VerificationError(OpenBadgeBakingErrors.TooDeep, "The SVG's elements are nested deeper than the limit.");
                        }

                        hasChildElement = true;
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        // Kept only up to the limit; the element is still read to its end so that baking can replace it.
                        length += reader.Value.Length;
                        if (length <= options.MaxCredentialBytes)
                        {
                            parts.Add((reader.NodeType, reader.Value));
                        }

                        break;
                }
            }
        }

        if (length > options.MaxCredentialBytes)
        {
            return new VerificationError(OpenBadgeBakingErrors.CredentialTooLarge, "The baked credential is longer than the limit.");
        }

        if (hasChildElement)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The openbadges:credential element has child elements.");
        }

        string credential;
        if (verify is not null)
        {
            if (!Concat(parts, 0, parts.Count).AsSpan().Trim(" \t\r\n").IsEmpty)
            {
                return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The openbadges:credential element has both a verify attribute and a body.");
            }

            credential = verify.Trim(' ', '\t', '\r', '\n');
        }
        else
        {
            credential = Body(parts);
        }

        if (credential.Length == 0)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The openbadges:credential element is empty.");
        }

        return s_strictUtf8.GetByteCount(credential) > options.MaxCredentialBytes
            ? new VerificationError(OpenBadgeBakingErrors.CredentialTooLarge, "The baked credential is longer than the limit.")
            : credential;
    }

    private static string Body(List<(XmlNodeType Type, string Value)> parts)
    {
        int first = parts.FindIndex(p => p.Type == XmlNodeType.CDATA), last = parts.FindLastIndex(p => p.Type == XmlNodeType.CDATA);
        if (first >= 0)
        {
            var outside = Concat(parts, 0, first) + Concat(parts, last + 1, parts.Count - last - 1);
            if (outside.AsSpan().Trim(" \t\r\n").IsEmpty)
            {
                return Concat(parts, first, last - first + 1);
            }
        }

        return Concat(parts, 0, parts.Count).Trim(' ', '\t', '\r', '\n');
    }

    private static string Concat(List<(XmlNodeType Type, string Value)> parts, int start, int count)
    {
        var builder = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            builder.Append(parts[i].Value);
        }

        return builder.ToString();
    }

    // XML section 2.11: "\r\n", "\r" and "\n" each end a line; IXmlLineInfo counts lines that way and positions in
    // UTF-16 code units from 1.
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int Offset(List<int> lineStarts, IXmlLineInfo lineInfo)
        => lineStarts[lineInfo.LineNumber - 1] + lineInfo.LinePosition - 1;

    // The index of the '>' that closes the tag whose name starts at nameStart; quoted attribute values may hold '>'.
    private static int TagEnd(string text, int nameStart)
    {
        var quote = '\0';
        for (var i = nameStart; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class SvgWalk
    {
        public string RootName { get; set; } = "svg";

        public int RootNameStart { get; set; }

        public int RootTagEnd { get; set; }

        public bool RootIsEmpty { get; set; }

        public bool DeclaresOpenBadges { get; set; }

        public List<(int Start, int End)> CredentialElements { get; } = [];

        public string? Credential { get; set; }
    }
}
