using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Jose;

namespace Credentials.SdJwt;

/// <summary>
/// An SD-JWT (RFC 9901 section 4): the Issuer-signed JWT, the disclosures and, in an SD-JWT+KB, the Key Binding JWT.
/// Immutable; keeps every part exactly as issued or received. Parsing checks structure only; use
/// <see cref="SdJwtVerifier"/> to verify.
/// </summary>
public sealed class SdJwtToken
{
    // The JWTs are kept as slices of the text they were received in, and become strings only when asked for.
    private readonly ReadOnlyMemory<char> _issuerSignedJwt;
    private readonly ReadOnlyMemory<char>? _keyBindingJwt;
    private string? _issuerSignedJwtString;
    private string? _keyBindingJwtString;

    internal SdJwtToken(string issuerSignedJwt, ImmutableArray<Disclosure> disclosures, string? keyBindingJwt, ImmutableArray<JwsSignatureParts> additionalSignatures = default, JsonElement? unprotectedHeader = null)
        : this(issuerSignedJwt.AsMemory(), disclosures, keyBindingJwt?.AsMemory(), additionalSignatures, unprotectedHeader)
    {
        _issuerSignedJwtString = issuerSignedJwt;
        _keyBindingJwtString = keyBindingJwt;
    }

    internal SdJwtToken(ReadOnlyMemory<char> issuerSignedJwt, ImmutableArray<Disclosure> disclosures, ReadOnlyMemory<char>? keyBindingJwt, ImmutableArray<JwsSignatureParts> additionalSignatures = default, JsonElement? unprotectedHeader = null)
    {
        _issuerSignedJwt = issuerSignedJwt;
        Disclosures = disclosures;
        _keyBindingJwt = keyBindingJwt;
        AdditionalSignatures = additionalSignatures.IsDefault ? [] : additionalSignatures;
        UnprotectedHeader = unprotectedHeader;
    }

    /// <summary>The first signature's unprotected header as received in a JWS JSON serialization (kept when re-serializing).</summary>
    internal JsonElement? UnprotectedHeader { get; }

    /// <summary>The Issuer-signed JWT (compact JWS).</summary>
    public string IssuerSignedJwt => _issuerSignedJwtString ??= _issuerSignedJwt.ToString();

    /// <summary>The disclosures, in the order they appear.</summary>
    public ImmutableArray<Disclosure> Disclosures { get; }

    /// <summary>The Key Binding JWT, or <see langword="null"/> for an SD-JWT without key binding.</summary>
    public string? KeyBindingJwt => _keyBindingJwt is { } kb ? _keyBindingJwtString ??= kb.ToString() : null;

    /// <summary>Further signatures of a General JWS JSON serialization (RFC 9901 section 8.1), beyond the first.</summary>
    internal ImmutableArray<JwsSignatureParts> AdditionalSignatures { get; }

    /// <summary>
    /// The compact serialization <c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;Dn&gt;~[&lt;KB-JWT&gt;]</c> (RFC 9901 section 4).
    /// </summary>
    public string Serialize() => KeyBindingJwt is null ? GetSdHashInput() : GetSdHashInput() + KeyBindingJwt;

    /// <summary>
    /// The string <c>sd_hash</c> covers: the serialization up to and including the last <c>~</c> before the
    /// Key Binding JWT (RFC 9901 section 4.3.1).
    /// </summary>
    public string GetSdHashInput()
    {
        var length = IssuerSignedJwt.Length + 1;
        foreach (var d in Disclosures)
        {
            length += d.Encoded.Length + 1;
        }

        var sb = new StringBuilder(length);
        sb.Append(IssuerSignedJwt).Append('~');
        foreach (var d in Disclosures)
        {
            sb.Append(d.Encoded).Append('~');
        }

        return sb.ToString();
    }

    /// <summary>
    /// What a holder worked out about this SD-JWT (where each disclosure sits, and <c>_sd_alg</c>), kept so presenting
    /// the same credential again does not parse and hash it again. The instance is immutable, so this never goes stale.
    /// </summary>
    internal HolderAnalysis? Analysis { get; set; }

    /// <summary>Returns a copy with a different set of disclosures and no Key Binding JWT.</summary>
    /// <param name="disclosures">The disclosures to keep.</param>
    public SdJwtToken WithDisclosures(IEnumerable<Disclosure> disclosures)
        => new(_issuerSignedJwt, [.. disclosures], null, AdditionalSignatures, UnprotectedHeader) { _issuerSignedJwtString = _issuerSignedJwtString, KnownHashAlgorithm = KnownHashAlgorithm ?? Analysis?.HashAlgorithm };

    /// <summary>Returns a copy with a Key Binding JWT.</summary>
    /// <param name="keyBindingJwt">The compact KB-JWT.</param>
    public SdJwtToken WithKeyBindingJwt(string keyBindingJwt)
    {
        ArgumentNullException.ThrowIfNull(keyBindingJwt);
        return new(_issuerSignedJwt, Disclosures, keyBindingJwt.AsMemory(), AdditionalSignatures, UnprotectedHeader) { _issuerSignedJwtString = _issuerSignedJwtString, _keyBindingJwtString = keyBindingJwt, KnownHashAlgorithm = KnownHashAlgorithm ?? Analysis?.HashAlgorithm };
    }

    /// <summary>The <c>_sd_alg</c> of the Issuer-signed JWT when already read (the JWT is shared by copies of this SD-JWT).</summary>
    internal SdHashAlgorithm? KnownHashAlgorithm { get; init; }

    /// <summary>
    /// The <c>sd_hash</c> (RFC 9901 section 4.3.1) over the serialization up to and including the last <c>~</c>, hashed
    /// from the parts without building that string.
    /// </summary>
    internal string ComputeSdHash(SdHashAlgorithm algorithm)
    {
        var length = Encoding.UTF8.GetByteCount(_issuerSignedJwt.Span) + 1;
        foreach (var d in Disclosures)
        {
            length += Encoding.UTF8.GetByteCount(d.Encoded) + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(_issuerSignedJwt.Span, buffer);
            buffer[written++] = (byte)'~';
            foreach (var d in Disclosures)
            {
                written += Encoding.UTF8.GetBytes(d.Encoded, buffer.AsSpan(written));
                buffer[written++] = (byte)'~';
            }

            return algorithm.ComputeDigest(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The compact serialization.</summary>
    public override string ToString() => Serialize();

    /// <summary>
    /// Parses an SD-JWT or SD-JWT+KB in the compact serialization, or the JWS JSON serialization (flattened or
    /// general, RFC 9901 section 8) when the text starts with <c>{</c>. Checks structure and disclosure encoding;
    /// does not verify signatures. Never throws for bad input.
    /// </summary>
    /// <param name="text">The serialized SD-JWT.</param>
    /// <param name="options">Limits.</param>
    public static VerificationResult<SdJwtToken> Read(string text, SdJwtReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= SdJwtReaderOptions.Default;
        var split = Split(text, options);
        if (!split.IsValid)
        {
            return split.Error;
        }

        var raw = split.Value;
        var builder = ImmutableArray.CreateBuilder<Disclosure>(raw.Disclosures.Length);
        foreach (var encoded in raw.Disclosures)
        {
            var disclosure = Disclosure.Read(encoded, options.MaxDepth);
            if (!disclosure.IsValid)
            {
                return disclosure.Error;
            }

            builder.Add(disclosure.Value);
        }

        return new SdJwtToken(raw.IssuerSignedJwt, builder.MoveToImmutable(), raw.KeyBindingJwt, raw.AdditionalSignatures, raw.UnprotectedHeader);
    }

    /// <summary>Splits without decoding disclosures, so a verifier can check the signature first.</summary>
    internal static VerificationResult<RawSdJwt> Split(string text, SdJwtReaderOptions options)
    {
        if (text.Length > options.MaxLength)
        {
            return new VerificationError(SdJwtErrors.TooLarge, $"The SD-JWT is longer than {options.MaxLength} characters.");
        }

        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return SdJwtJsonSerialization.Read(text, options);
        }

        // RFC 9901 section 4: <Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~[<KB-JWT>]
        var span = text.AsSpan();
        var first = span.IndexOf('~');
        if (first <= 0)
        {
            return new VerificationError(SdJwtErrors.Malformed, "An SD-JWT has an Issuer-signed JWT followed by '~'.");
        }

        var disclosureCount = span.Count('~') - 1;
        if (disclosureCount > options.MaxDisclosures)
        {
            return new VerificationError(SdJwtErrors.TooManyDisclosures, $"The SD-JWT has more than {options.MaxDisclosures} disclosures.");
        }

        var last = span.LastIndexOf('~');
        var disclosures = ImmutableArray.CreateBuilder<string>(disclosureCount);
        for (var start = first + 1; start <= last;)
        {
            // Disclosures are small and kept as strings by the parsed SD-JWT; the JWTs stay slices of the text.
            var end = start + span[start..].IndexOf('~');
            if (end == start)
            {
                return new VerificationError(SdJwtErrors.Malformed, "An SD-JWT has an empty disclosure between two '~'.");
            }

            disclosures.Add(text.Substring(start, end - start));
            start = end + 1;
        }

        var keyBinding = last + 1 < text.Length ? text.AsMemory(last + 1) : (ReadOnlyMemory<char>?)null;
        return new RawSdJwt(text.AsMemory(0, first), disclosures.MoveToImmutable(), keyBinding, [])
        {
            CompactSdHashInput = (text, last + 1),
        };
    }

    /// <summary>The flattened JWS JSON serialization (RFC 9901 section 8.1).</summary>
    public string ToFlattenedJson() => SdJwtJsonSerialization.Write(this, general: false);

    /// <summary>The general JWS JSON serialization (RFC 9901 section 8.1).</summary>
    public string ToGeneralJson() => SdJwtJsonSerialization.Write(this, general: true);
}

/// <summary>What a holder read from an issued SD-JWT, for the limits it read it with.</summary>
internal sealed record HolderAnalysis(SdJwtReaderOptions Limits, VerificationResult<DisclosurePlacement?[]> Placements, SdHashAlgorithm? HashAlgorithm);

/// <summary>An SD-JWT split into its encoded parts, disclosures not yet decoded.</summary>
internal sealed record RawSdJwt(ReadOnlyMemory<char> IssuerSignedJwt, ImmutableArray<string> Disclosures, ReadOnlyMemory<char>? KeyBindingJwt, ImmutableArray<JwsSignatureParts> AdditionalSignatures, JsonElement? UnprotectedHeader = null)
{
    /// <summary>
    /// For the compact serialization: the text it was split from and the length of its prefix up to and including the
    /// last <c>~</c>, which is exactly the <c>sd_hash</c> input (RFC 9901 section 4.3.1).
    /// </summary>
    public (string Text, int Length)? CompactSdHashInput { get; init; }

    /// <summary>
    /// The <c>sd_hash</c> of this SD-JWT's parts as base64url UTF-8 in <paramref name="destination"/> (at least 88
    /// bytes), from the received text when there is one; returns the length.
    /// </summary>
    public int ComputeSdHashUtf8(SdHashAlgorithm algorithm, Span<byte> destination)
        => algorithm.ComputeDigestUtf8(CompactSdHashInput is { } input ? input.Text.AsSpan(0, input.Length) : GetSdHashInput(), destination);

    public string GetSdHashInput()
    {
        var sb = new StringBuilder(IssuerSignedJwt.Length + 1);
        sb.Append(IssuerSignedJwt.Span).Append('~');
        foreach (var d in Disclosures)
        {
            sb.Append(d).Append('~');
        }

        return sb.ToString();
    }
}

/// <summary>One more signature over the same payload in a General JWS JSON serialization.</summary>
internal sealed record JwsSignatureParts(string EncodedProtectedHeader, string EncodedSignature, JsonElement? UnprotectedHeader);

/// <summary>Reads and writes the JWS JSON serialization of SD-JWTs (RFC 9901 section 8).</summary>
internal static class SdJwtJsonSerialization
{
    public static VerificationResult<RawSdJwt> Read(string json, SdJwtReaderOptions options)
    {
        using var doc = SafeJson.TryParse(json, options.MaxDepth);
        if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(SdJwtErrors.Malformed, "The JSON serialization is not a JSON object (or repeats a member name).");
        }

        var root = doc.RootElement;
        if (!root.TryGetString("payload", out var payload))
        {
            return new VerificationError(SdJwtErrors.Malformed, "The JSON serialization has no 'payload' string.");
        }

        JsonElement firstHeader;
        string protectedHeader, signature;
        var extra = ImmutableArray.CreateBuilder<JwsSignatureParts>();
        if (root.TryGetProperty("signatures", out var signatures))
        {
            // General serialization: disclosures and kb_jwt are in the first signature's unprotected header (section 8.1).
            if (signatures.ValueKind != JsonValueKind.Array || signatures.GetArrayLength() == 0 || signatures.GetArrayLength() > 16
                || root.TryGetProperty("signature", out _) || root.TryGetProperty("protected", out _))
            {
                return new VerificationError(SdJwtErrors.Malformed, "'signatures' must be a non-empty array (at most 16) and exclude flattened members.");
            }

            var index = 0;
            firstHeader = default;
            protectedHeader = signature = string.Empty;
            foreach (var entry in signatures.EnumerateArray())
            {
                if (!entry.TryGetString("protected", out var p) || !entry.TryGetString("signature", out var s))
                {
                    return new VerificationError(SdJwtErrors.Malformed, "Each signature needs 'protected' and 'signature' strings.");
                }

                JsonElement? header = entry.TryGetProperty("header", out var h) ? h.Clone() : null;
                if (index == 0)
                {
                    protectedHeader = p;
                    signature = s;
                    firstHeader = header ?? default;
                }
                else
                {
                    if (header is { ValueKind: JsonValueKind.Object } other && (other.TryGetProperty("disclosures", out _) || other.TryGetProperty("kb_jwt", out _)))
                    {
                        return new VerificationError(SdJwtErrors.Malformed, "Only the first signature's header may carry 'disclosures' and 'kb_jwt'.");
                    }

                    // RFC 9901 section 8.1 defines only disclosures and kb_jwt for the unprotected header; anything else
                    // (kid, x5c, ...) would be unsigned input next to signed input, so it is refused, not kept.
                    if (header is { } otherHeader && (otherHeader.ValueKind != JsonValueKind.Object || otherHeader.EnumerateObject().Any(m => !(options.AllowUnprotectedKeyId && m.NameEquals("kid")))))
                    {
                        return new VerificationError(SdJwtErrors.UnprotectedHeaderNotAllowed, "An unprotected header may carry only 'disclosures' and 'kb_jwt'.");
                    }

                    extra.Add(new JwsSignatureParts(p, s, null));
                }

                index++;
            }
        }
        else
        {
            if (!root.TryGetString("protected", out protectedHeader!) || !root.TryGetString("signature", out signature!))
            {
                return new VerificationError(SdJwtErrors.Malformed, "The flattened serialization needs 'protected' and 'signature' strings.");
            }

            firstHeader = root.TryGetProperty("header", out var h) ? h : default;
        }

        var disclosures = ImmutableArray.CreateBuilder<string>();
        string? kbJwt = null;
        if (firstHeader.ValueKind != JsonValueKind.Undefined)
        {
            if (firstHeader.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(SdJwtErrors.Malformed, "The unprotected 'header' must be an object.");
            }

            foreach (var member in firstHeader.EnumerateObject())
            {
                // RFC 9901 section 8.1: the unprotected header carries disclosures and kb_jwt; nothing else is accepted.
                if (!member.NameEquals("disclosures") && !member.NameEquals("kb_jwt") && !(options.AllowUnprotectedKeyId && member.NameEquals("kid")))
                {
                    return new VerificationError(SdJwtErrors.UnprotectedHeaderNotAllowed, "An unprotected header may carry only 'disclosures' and 'kb_jwt'.");
                }
            }

            if (firstHeader.TryGetProperty("disclosures", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    return new VerificationError(SdJwtErrors.Malformed, "'disclosures' must be an array of strings.");
                }

                if (list.GetArrayLength() > options.MaxDisclosures)
                {
                    return new VerificationError(SdJwtErrors.TooManyDisclosures, $"The SD-JWT has more than {options.MaxDisclosures} disclosures.");
                }

                foreach (var d in list.EnumerateArray())
                {
                    if (d.ValueKind != JsonValueKind.String || d.ValueEquals(string.Empty))
                    {
                        return new VerificationError(SdJwtErrors.Malformed, "'disclosures' must be an array of non-empty strings.");
                    }

                    disclosures.Add(d.GetString()!);
                }
            }

            if (firstHeader.TryGetProperty("kb_jwt", out var kb))
            {
                if (kb.ValueKind != JsonValueKind.String)
                {
                    return new VerificationError(SdJwtErrors.Malformed, "'kb_jwt' must be a string.");
                }

                kbJwt = kb.GetString();
            }
        }

        var jwt = string.Concat(protectedHeader, ".", payload, ".", signature);
        return new RawSdJwt(jwt.AsMemory(), disclosures.ToImmutable(), kbJwt?.AsMemory(), extra.ToImmutable(), firstHeader.ValueKind == JsonValueKind.Object ? firstHeader.Clone() : null);
    }

    public static string Write(SdJwtToken sdJwt, bool general)
    {
        var parts = sdJwt.IssuerSignedJwt.Split('.');
        var buffer = new ArrayBufferWriter<byte>(sdJwt.IssuerSignedJwt.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("payload", parts[1]);
            if (general)
            {
                writer.WriteStartArray("signatures");
                writer.WriteStartObject();
                WriteSignature(writer, parts[0], parts[2], sdJwt);
                writer.WriteEndObject();
                foreach (var s in sdJwt.AdditionalSignatures)
                {
                    writer.WriteStartObject();
                    writer.WriteString("protected", s.EncodedProtectedHeader);
                    if (s.UnprotectedHeader is { } h)
                    {
                        writer.WritePropertyName("header");
                        h.WriteTo(writer);
                    }

                    writer.WriteString("signature", s.EncodedSignature);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteSignature(writer, parts[0], parts[2], sdJwt);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteSignature(Utf8JsonWriter writer, string protectedHeader, string signature, SdJwtToken sdJwt)
    {
        writer.WriteString("protected", protectedHeader);
        writer.WriteStartObject("header");
        if (sdJwt.UnprotectedHeader is { } received)
        {
            // Keep what the issuer put in the unprotected header (for example kid); disclosures and kb_jwt are rewritten.
            foreach (var member in received.EnumerateObject())
            {
                if (!member.NameEquals("disclosures") && !member.NameEquals("kb_jwt"))
                {
                    member.WriteTo(writer);
                }
            }
        }

        writer.WriteStartArray("disclosures");
        foreach (var d in sdJwt.Disclosures)
        {
            writer.WriteStringValue(d.Encoded);
        }

        writer.WriteEndArray();
        if (sdJwt.KeyBindingJwt is not null)
        {
            writer.WriteString("kb_jwt", sdJwt.KeyBindingJwt);
        }

        writer.WriteEndObject();
        writer.WriteString("signature", signature);
    }
}
