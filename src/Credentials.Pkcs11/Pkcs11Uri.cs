using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Credentials.Pkcs11;

/// <summary>
/// A PKCS#11 URI (RFC 7512): which module, token and object to use, for example
/// <c>pkcs11:token=issuer;object=exam-2026;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so&amp;pin-source=file:/run/secrets/pin</c>.
/// Immutable.
/// </summary>
/// <remarks>
/// <para>
/// The URI never holds a PIN: <c>pin-source</c> names a file to read the PIN from, and a <c>pin-value</c> attribute is
/// recognised only to be refused (<see cref="HasPinValue"/>; its value is dropped while parsing, is never formatted back,
/// and <see cref="Pkcs11Token.Open(Pkcs11Uri, Pkcs11TokenOptions?)"/> throws <see cref="Pkcs11ErrorCodes.PinValueRefused"/>),
/// because a URI ends up in command lines, logs and configuration files.
/// </para>
/// <para>
/// Path attributes this type does not know (vendor-specific ones included) are kept in
/// <see cref="UnknownPathAttributes"/>; RFC 7512 section 2.4 says they should match nothing, so opening a token or key
/// with them is refused (<see cref="Pkcs11ErrorCodes.UriUnsupported"/>). Unknown query attributes are kept in
/// <see cref="UnknownQueryAttributes"/> and ignored.
/// </para>
/// </remarks>
public sealed class Pkcs11Uri
{
    /// <summary>The URI scheme, <c>pkcs11:</c> (RFC 7512 section 2.3).</summary>
    public const string Scheme = "pkcs11:";

    private readonly byte[]? _id;

    private Pkcs11Uri(Builder b)
    {
        Token = b.Token;
        Manufacturer = b.Manufacturer;
        Serial = b.Serial;
        Model = b.Model;
        LibraryManufacturer = b.LibraryManufacturer;
        LibraryDescription = b.LibraryDescription;
        LibraryVersion = b.LibraryVersion;
        SlotDescription = b.SlotDescription;
        SlotManufacturer = b.SlotManufacturer;
        SlotId = b.SlotId;
        Object = b.Object;
        ObjectType = b.ObjectType;
        _id = b.Id;
        ModulePath = b.ModulePath;
        ModuleName = b.ModuleName;
        PinSource = b.PinSource;
        HasPinValue = b.HasPinValue;
        UnknownPathAttributes = b.UnknownPath;
        UnknownQueryAttributes = b.UnknownQuery;
    }

    /// <summary>The token label (<c>token</c>, CK_TOKEN_INFO <c>label</c>).</summary>
    public string? Token { get; }

    /// <summary>The token manufacturer (<c>manufacturer</c>, CK_TOKEN_INFO <c>manufacturerID</c>).</summary>
    public string? Manufacturer { get; }

    /// <summary>The token serial number (<c>serial</c>, CK_TOKEN_INFO <c>serialNumber</c>).</summary>
    public string? Serial { get; }

    /// <summary>The token model (<c>model</c>, CK_TOKEN_INFO <c>model</c>).</summary>
    public string? Model { get; }

    /// <summary>The library manufacturer (<c>library-manufacturer</c>, CK_INFO <c>manufacturerID</c>).</summary>
    public string? LibraryManufacturer { get; }

    /// <summary>The library description (<c>library-description</c>, CK_INFO <c>libraryDescription</c>).</summary>
    public string? LibraryDescription { get; }

    /// <summary>The library version (<c>library-version</c>, <c>M</c> or <c>M.N</c>).</summary>
    public string? LibraryVersion { get; }

    /// <summary>The slot description (<c>slot-description</c>, CK_SLOT_INFO <c>slotDescription</c>).</summary>
    public string? SlotDescription { get; }

    /// <summary>The slot manufacturer (<c>slot-manufacturer</c>, CK_SLOT_INFO <c>manufacturerID</c>).</summary>
    public string? SlotManufacturer { get; }

    /// <summary>The slot id (<c>slot-id</c>, a decimal CK_SLOT_ID).</summary>
    public ulong? SlotId { get; }

    /// <summary>The object label (<c>object</c>, CKA_LABEL).</summary>
    public string? Object { get; }

    /// <summary>The object class (<c>type</c>): <c>public</c>, <c>private</c>, <c>cert</c>, <c>secret-key</c> or <c>data</c>.</summary>
    public string? ObjectType { get; }

    /// <summary>The object id (<c>id</c>, CKA_ID), decoded from its percent-encoded bytes; a copy.</summary>
    public byte[]? Id => _id is null ? null : (byte[])_id.Clone();

    /// <summary>The module (PKCS#11 library) file (<c>module-path</c> query attribute).</summary>
    public string? ModulePath { get; }

    /// <summary>The module name (<c>module-name</c> query attribute), resolved by the operating system's library search.</summary>
    public string? ModuleName { get; }

    /// <summary>Where to read the user PIN from (<c>pin-source</c> query attribute): a <c>file:</c> URI or a file path.</summary>
    public string? PinSource { get; }

    /// <summary>Whether the URI carried a <c>pin-value</c> attribute (its value is never kept).</summary>
    public bool HasPinValue { get; }

    /// <summary>Path attributes this type does not know, by name (vendor-specific attributes, for example).</summary>
    public IReadOnlyDictionary<string, string> UnknownPathAttributes { get; }

    /// <summary>Query attributes this type does not know, by name, in order (ignored, RFC 7512 section 2.4).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UnknownQueryAttributes { get; }

    internal ReadOnlySpan<byte> IdSpan => _id;

    /// <summary>Parses a PKCS#11 URI.</summary>
    /// <param name="uri">The URI text, starting with <c>pkcs11:</c> (the scheme is case-insensitive).</param>
    /// <exception cref="FormatException">The text is not a PKCS#11 URI.</exception>
    public static Pkcs11Uri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return TryParse(uri, out var result, out var error) ? result : throw new FormatException(error);
    }

    /// <summary>Parses a PKCS#11 URI, returning <see langword="false"/> when the text is not one.</summary>
    /// <param name="uri">The URI text.</param>
    /// <param name="result">The parsed URI.</param>
    public static bool TryParse([NotNullWhen(true)] string? uri, [NotNullWhen(true)] out Pkcs11Uri? result)
        => TryParse(uri, out result, out _);

    /// <summary>Whether <paramref name="value"/> starts with the <c>pkcs11:</c> scheme (case-insensitive).</summary>
    /// <param name="value">A key reference, for example a command-line argument.</param>
    public static bool IsPkcs11Uri([NotNullWhen(true)] string? value)
        => value is not null && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>A copy of this URI with other object attributes: the label, id and class of a key on the same token.</summary>
    /// <param name="objectLabel">The object label (<c>object</c>), or <see langword="null"/> for none.</param>
    /// <param name="id">The object id (<c>id</c>), or <see langword="null"/> for none.</param>
    /// <param name="objectType">The object class (<c>type</c>), or <see langword="null"/> for none.</param>
    public Pkcs11Uri WithObject(string? objectLabel, ReadOnlySpan<byte> id, string? objectType)
    {
        var b = ToBuilder();
        b.Object = objectLabel;
        b.Id = id.IsEmpty ? null : id.ToArray();
        b.ObjectType = objectType;
        return new Pkcs11Uri(b);
    }

    /// <summary>
    /// Formats the URI (RFC 7512 section 2.3): path attributes in a fixed order, reserved characters percent-encoded,
    /// the id as percent-encoded bytes; never a <c>pin-value</c>.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Scheme);
        var first = true;
        void Path(string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (!first)
            {
                sb.Append(';');
            }

            first = false;
            sb.Append(name).Append('=');
            Encode(sb, value, query: false);
        }

        Path("token", Token);
        Path("manufacturer", Manufacturer);
        Path("serial", Serial);
        Path("model", Model);
        Path("library-manufacturer", LibraryManufacturer);
        Path("library-description", LibraryDescription);
        Path("library-version", LibraryVersion);
        Path("slot-description", SlotDescription);
        Path("slot-manufacturer", SlotManufacturer);
        Path("slot-id", SlotId?.ToString(CultureInfo.InvariantCulture));
        Path("object", Object);
        Path("type", ObjectType);
        if (_id is not null)
        {
            sb.Append(first ? "id=" : ";id=");
            first = false;
            foreach (var octet in _id)
            {
                sb.Append('%').Append(octet.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        foreach (var (name, value) in UnknownPathAttributes)
        {
            Path(name, value);
        }

        var firstQuery = true;
        void Query(string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            sb.Append(firstQuery ? '?' : '&');
            firstQuery = false;
            sb.Append(name).Append('=');
            Encode(sb, value, query: true);
        }

        Query("module-name", ModuleName);
        Query("module-path", ModulePath);
        Query("pin-source", PinSource);
        foreach (var (name, value) in UnknownQueryAttributes)
        {
            Query(name, value);
        }

        return sb.ToString();
    }

    /// <summary>A builder for a URI from parts, for example to address a key just generated on a token.</summary>
    /// <param name="token">The token label.</param>
    /// <param name="objectLabel">The object label.</param>
    /// <param name="id">The object id bytes, or empty for none.</param>
    /// <param name="objectType">The object class, for example <c>private</c>.</param>
    /// <param name="modulePath">The module file.</param>
    /// <param name="pinSource">The PIN file (<c>file:</c> URI or path).</param>
    public static Pkcs11Uri Create(string? token, string? objectLabel, ReadOnlySpan<byte> id = default, string? objectType = null, string? modulePath = null, string? pinSource = null)
    {
        if (objectType is not null && !IsKnownType(objectType))
        {
            throw new ArgumentException("The object type must be public, private, cert, secret-key or data.", nameof(objectType));
        }

        return new Pkcs11Uri(new Builder
        {
            Token = token,
            Object = objectLabel,
            Id = id.IsEmpty ? null : id.ToArray(),
            ObjectType = objectType,
            ModulePath = modulePath,
            PinSource = pinSource,
        });
    }

    private Builder ToBuilder() => new()
    {
        Token = Token,
        Manufacturer = Manufacturer,
        Serial = Serial,
        Model = Model,
        LibraryManufacturer = LibraryManufacturer,
        LibraryDescription = LibraryDescription,
        LibraryVersion = LibraryVersion,
        SlotDescription = SlotDescription,
        SlotManufacturer = SlotManufacturer,
        SlotId = SlotId,
        Object = Object,
        ObjectType = ObjectType,
        Id = _id,
        ModulePath = ModulePath,
        ModuleName = ModuleName,
        PinSource = PinSource,
        HasPinValue = HasPinValue,
        UnknownPath = UnknownPathAttributes,
        UnknownQuery = UnknownQueryAttributes,
    };

    private static bool IsKnownType(string type) => type is "public" or "private" or "cert" or "secret-key" or "data";

    private static bool TryParse(string? uri, [NotNullWhen(true)] out Pkcs11Uri? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!IsPkcs11Uri(uri))
        {
            error = "The URI does not start with pkcs11:.";
            return false;
        }

        var rest = uri.AsSpan(Scheme.Length);

        // RFC 7512 section 2.3: pk11-URI = "pkcs11:" pk11-path [ "?" pk11-query ]; no fragment.
        if (rest.Contains('#'))
        {
            error = "A PKCS#11 URI has no fragment.";
            return false;
        }

        var q = rest.IndexOf('?');
        var path = q < 0 ? rest : rest[..q];
        var query = q < 0 ? ReadOnlySpan<char>.Empty : rest[(q + 1)..];
        var b = new Builder();
        var unknownPath = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in path.Split(';'))
        {
            var part = path[range];
            if (part.IsEmpty)
            {
                if (path.IsEmpty)
                {
                    break;
                }

                error = "A PKCS#11 URI path has an empty attribute.";
                return false;
            }

            if (!SplitAttribute(part, query: false, out var name, out var raw, out error))
            {
                return false;
            }

            // Section 2.3: each path attribute may appear at most once.
            if (!seen.Add(name))
            {
                error = "A PKCS#11 URI path attribute appears twice.";
                return false;
            }

            if (name == "id")
            {
                if (!TryDecode(raw, out var bytes))
                {
                    error = "The id attribute is not correctly percent-encoded.";
                    return false;
                }

                b.Id = bytes;
                continue;
            }

            if (!TryDecodeText(raw, out var value))
            {
                error = "A PKCS#11 URI attribute value is not correctly percent-encoded UTF-8.";
                return false;
            }

            switch (name)
            {
                case "token": b.Token = value; break;
                case "manufacturer": b.Manufacturer = value; break;
                case "serial": b.Serial = value; break;
                case "model": b.Model = value; break;
                case "library-manufacturer": b.LibraryManufacturer = value; break;
                case "library-description": b.LibraryDescription = value; break;
                case "library-version":
                    // Section 2.3: pk11-lib-ver = 1*DIGIT [ "." 1*DIGIT ].
                    if (!IsLibraryVersion(value))
                    {
                        error = "The library-version attribute is not M or M.N.";
                        return false;
                    }

                    b.LibraryVersion = value;
                    break;
                case "slot-description": b.SlotDescription = value; break;
                case "slot-manufacturer": b.SlotManufacturer = value; break;
                case "slot-id":
                    if (value.Length == 0 || !ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
                    {
                        error = "The slot-id attribute is not a decimal number.";
                        return false;
                    }

                    b.SlotId = slot;
                    break;
                case "object": b.Object = value; break;
                case "type":
                    if (!IsKnownType(value))
                    {
                        error = "The type attribute is not public, private, cert, secret-key or data.";
                        return false;
                    }

                    b.ObjectType = value;
                    break;
                default: unknownPath[name] = value; break;
            }
        }

        var unknownQuery = new List<KeyValuePair<string, string>>();
        var seenQuery = new HashSet<string>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (var range in query.Split('&'))
            {
                var part = query[range];
                if (part.IsEmpty)
                {
                    if (query.IsEmpty)
                    {
                        break;
                    }

                    error = "A PKCS#11 URI query has an empty attribute.";
                    return false;
                }

                if (!SplitAttribute(part, query: true, out var name, out var raw, out error))
                {
                    return false;
                }

                if (name == "pin-value")
                {
                    // Section 2.3 allows a PIN in the URI; this library never takes one (see the remarks): the value is
                    // dropped here so it can reach neither a property nor ToString.
                    b.HasPinValue = true;
                    continue;
                }

                if (!TryDecodeText(raw, out var value))
                {
                    error = "A PKCS#11 URI attribute value is not correctly percent-encoded UTF-8.";
                    return false;
                }

                var known = name is "module-path" or "module-name" or "pin-source";
                if (known && !seenQuery.Add(name))
                {
                    error = "A PKCS#11 URI query attribute appears twice.";
                    return false;
                }

                switch (name)
                {
                    case "module-path": b.ModulePath = value; break;
                    case "module-name": b.ModuleName = value; break;
                    case "pin-source": b.PinSource = value; break;
                    default: unknownQuery.Add(new(name, value)); break;
                }
            }
        }

        b.UnknownPath = unknownPath;
        b.UnknownQuery = unknownQuery;
        result = new Pkcs11Uri(b);
        error = null;
        return true;
    }

    private static bool SplitAttribute(ReadOnlySpan<char> part, bool query, out string name, out ReadOnlySpan<char> raw, [NotNullWhen(false)] out string? error)
    {
        var eq = part.IndexOf('=');
        name = string.Empty;
        raw = default;
        if (eq <= 0)
        {
            error = "A PKCS#11 URI attribute has no name or no '='.";
            return false;
        }

        var nameSpan = part[..eq];
        foreach (var c in nameSpan)
        {
            // Section 2.3: attribute names are ALPHA / DIGIT / "-" / "_" (vendor-specific names included).
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = "A PKCS#11 URI attribute name has a character outside letters, digits, '-' and '_'.";
                return false;
            }
        }

        raw = part[(eq + 1)..];
        foreach (var c in raw)
        {
            if (!IsAllowed(c, query) && c != '%')
            {
                error = "A PKCS#11 URI attribute value has a character that must be percent-encoded.";
                return false;
            }
        }

        name = nameSpan.ToString();
        error = null;
        return true;
    }

    // Section 2.3: pk11-pchar = unreserved / pk11-res-avail / pct-encoded, where pk11-res-avail is
    // ":" "[" "]" "@" "!" "$" "'" "(" ")" "*" "+" "," "="; the path also allows "&", the query "/" "?" "|".
    private static bool IsAllowed(char c, bool query)
        => char.IsAsciiLetterOrDigit(c)
            || c is '-' or '.' or '_' or '~'
            || c is ':' or '[' or ']' or '@' or '!' or '$' or '\'' or '(' or ')' or '*' or '+' or ',' or '='
            || (query ? c is '/' or '?' or '|' : c == '&');

    private static void Encode(StringBuilder sb, string value, bool query)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80 && IsAllowed(c, query) && !(query && c == '&') && c != '=' )
            {
                sb.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            for (var j = 0; j < length; j++)
            {
                sb.Append('%').Append(utf8[j].ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }

    private static bool TryDecode(ReadOnlySpan<char> raw, [NotNullWhen(true)] out byte[]? bytes)
    {
        var buffer = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '%')
            {
                buffer.Add((byte)c);
                continue;
            }

            if (i + 2 >= raw.Length || !byte.TryParse(raw.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var octet))
            {
                bytes = null;
                return false;
            }

            buffer.Add(octet);
            i += 2;
        }

        bytes = buffer.ToArray();
        return true;
    }

    private static bool TryDecodeText(ReadOnlySpan<char> raw, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (!TryDecode(raw, out var bytes))
        {
            return false;
        }

        try
        {
            value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsLibraryVersion(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        static bool Digits(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');
        return dot < 0 ? Digits(value) : Digits(value.AsSpan(0, dot)) && Digits(value.AsSpan(dot + 1));
    }

    private sealed class Builder
    {
        public string? Token { get; set; }
        public string? Manufacturer { get; set; }
        public string? Serial { get; set; }
        public string? Model { get; set; }
        public string? LibraryManufacturer { get; set; }
        public string? LibraryDescription { get; set; }
        public string? LibraryVersion { get; set; }
        public string? SlotDescription { get; set; }
        public string? SlotManufacturer { get; set; }
        public ulong? SlotId { get; set; }
        public string? Object { get; set; }
        public string? ObjectType { get; set; }
        public byte[]? Id { get; set; }
        public string? ModulePath { get; set; }
        public string? ModuleName { get; set; }
        public string? PinSource { get; set; }
        public bool HasPinValue { get; set; }
        public IReadOnlyDictionary<string, string> UnknownPath { get; set; } = new Dictionary<string, string>();
        public IReadOnlyList<KeyValuePair<string, string>> UnknownQuery { get; set; } = [];
    }
}
