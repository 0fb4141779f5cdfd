using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Jose;

/// <summary>
/// A parsed JWS (RFC 7515) whose signature has not necessarily been verified. Keeps the encoded parts exactly as
/// received, because digests and signatures are over those bytes.
/// </summary>
public sealed class Jws
{
    private static readonly HashSet<string> s_registeredHeaderNames = new(StringComparer.Ordinal)
    {
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
    };

    // Header parameters that change how the payload is read: refused in every header of every token type here.
    private static readonly string[] s_unsupportedHeaderNames = ["b64", "zip"];

    // The encoded parts are slices of the received text: nothing is copied unless a caller asks for a part as a string.
    private readonly ReadOnlyMemory<char> _encodedHeader;
    private readonly ReadOnlyMemory<char> _encodedPayload;
    private readonly ReadOnlyMemory<char> _encodedSignature;
    private byte[]? _payload;
    private byte[]? _signature;
    private string? _encodedHeaderString;
    private string? _encodedPayloadString;
    private string? _encodedSignatureString;
    private string? _compact;

    private Jws(ReadOnlyMemory<char> encodedHeader, ReadOnlyMemory<char> encodedPayload, ReadOnlyMemory<char> encodedSignature, JsonElement header, string algorithm, string? compact)
    {
        _encodedHeader = encodedHeader;
        _encodedPayload = encodedPayload;
        _encodedSignature = encodedSignature;
        _compact = compact;
        Header = header;
        AlgorithmName = algorithm;
        Type = header.TryGetString("typ", out var typ) ? typ : null;
        KeyId = header.TryGetString("kid", out var kid) ? kid : null;
    }

    /// <summary>The protected header exactly as received (base64url).</summary>
    public string EncodedHeader => _encodedHeaderString ??= _encodedHeader.ToString();

    /// <summary>The payload exactly as received (base64url).</summary>
    public string EncodedPayload => _encodedPayloadString ??= _encodedPayload.ToString();

    /// <summary>The signature exactly as received (base64url).</summary>
    public string EncodedSignature => _encodedSignatureString ??= _encodedSignature.ToString();

    /// <summary>The decoded protected header.</summary>
    public JsonElement Header { get; }

    /// <summary>The decoded payload bytes.</summary>
    public ReadOnlyMemory<byte> Payload => _payload ??= StrictBase64Url.TryDecode(_encodedPayload.Span)!; // checked canonical when read

    /// <summary>The decoded signature bytes.</summary>
    public ReadOnlyMemory<byte> Signature => _signature ??= StrictBase64Url.TryDecode(_encodedSignature.Span)!; // checked canonical when read

    /// <summary>The <c>alg</c> header value.</summary>
    public string AlgorithmName { get; }

    /// <summary>The <c>typ</c> header value, if any.</summary>
    public string? Type { get; }

    /// <summary>The <c>kid</c> header value, if any.</summary>
    public string? KeyId { get; }

    /// <summary>The compact serialization <c>header.payload.signature</c>.</summary>
    public string Compact => _compact ??= string.Concat(EncodedHeader, ".", EncodedPayload, ".", EncodedSignature);

    /// <summary>The payload as received (base64url), without copying it.</summary>
    internal ReadOnlyMemory<char> EncodedPayloadMemory => _encodedPayload;

    /// <summary>Parses a compact JWS from untrusted input; never throws for bad input.</summary>
    /// <param name="token">The compact serialization.</param>
    /// <param name="options">Limits; <see cref="JwsReaderOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are invalid (a programmer error).</exception>
    public static VerificationResult<Jws> ReadCompact(string token, JwsReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        options ??= JwsReaderOptions.Default;
        options.Validate(nameof(options));
        if (token.Length > options.MaxTokenLength)
        {
            return new VerificationError(JoseErrors.TooLarge, $"The JWS is longer than {options.MaxTokenLength} characters.");
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return new VerificationError(JoseErrors.Malformed, "A compact JWS has exactly three dot-separated parts.");
        }

        return FromParts(token.AsMemory(0, first), token.AsMemory(first + 1, second - first - 1), token.AsMemory(second + 1), null, options, token);
    }

    /// <summary>
    /// Reads a compact JWS for a token format that also admits one algorithm outside <see cref="JwsAlgorithm.All"/>
    /// (Open Badges 3.0 section 8.2 requires <c>RS256</c>); the format's verifier checks that signature itself.
    /// </summary>
    internal static VerificationResult<Jws> ReadCompact(string token, JwsReaderOptions options, string extraAlgorithm)
    {
        if (token.Length > options.MaxTokenLength)
        {
            return new VerificationError(JoseErrors.TooLarge, $"The JWS is longer than {options.MaxTokenLength} characters.");
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return new VerificationError(JoseErrors.Malformed, "A compact JWS has exactly three dot-separated parts.");
        }

        return FromParts(token.AsMemory(0, first), token.AsMemory(first + 1, second - first - 1), token.AsMemory(second + 1), null, options, token, extraAlgorithm);
    }

    /// <summary>
    /// Builds a JWS from its three encoded parts (JWS JSON serialization, RFC 7515 section 7.2), optionally with an
    /// unprotected header whose members must not repeat protected ones. Never throws for bad input.
    /// </summary>
    /// <param name="encodedHeader">The protected header (base64url).</param>
    /// <param name="encodedPayload">The payload (base64url).</param>
    /// <param name="encodedSignature">The signature (base64url).</param>
    /// <param name="unprotectedHeader">The unprotected header, if any.</param>
    /// <param name="options">Limits.</param>
    public static VerificationResult<Jws> FromParts(string encodedHeader, string encodedPayload, string encodedSignature, JsonElement? unprotectedHeader = null, JwsReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encodedHeader);
        ArgumentNullException.ThrowIfNull(encodedPayload);
        ArgumentNullException.ThrowIfNull(encodedSignature);
        (options ?? JwsReaderOptions.Default).Validate(nameof(options));
        return FromParts(encodedHeader.AsMemory(), encodedPayload.AsMemory(), encodedSignature.AsMemory(), unprotectedHeader, options, null);
    }

    /// <summary>Reads a compact JWS that is a slice of a longer text (an SD-JWT), without copying it out.</summary>
    internal static VerificationResult<Jws> ReadCompact(ReadOnlyMemory<char> token, JwsReaderOptions options)
    {
        if (token.Length > options.MaxTokenLength)
        {
            return new VerificationError(JoseErrors.TooLarge, $"The JWS is longer than {options.MaxTokenLength} characters.");
        }

        var span = token.Span;
        var first = span.IndexOf('.');
        var second = first < 0 ? -1 : span[(first + 1)..].IndexOf('.') + first + 1;
        if (first <= 0 || second <= first || span[(second + 1)..].IndexOf('.') >= 0)
        {
            return new VerificationError(JoseErrors.Malformed, "A compact JWS has exactly three dot-separated parts.");
        }

        return FromParts(token[..first], token[(first + 1)..second], token[(second + 1)..], null, options, null);
    }

    private static VerificationResult<Jws> FromParts(ReadOnlyMemory<char> encodedHeader, ReadOnlyMemory<char> encodedPayload, ReadOnlyMemory<char> encodedSignature, JsonElement? unprotectedHeader, JwsReaderOptions? options, string? compact, string? extraAlgorithm = null)
    {
        options ??= JwsReaderOptions.Default;
        if (encodedHeader.Length + encodedPayload.Length + encodedSignature.Length + 2 > options.MaxTokenLength)
        {
            return new VerificationError(JoseErrors.TooLarge, $"The JWS is longer than {options.MaxTokenLength} characters.");
        }

        if (encodedHeader.Length == 0)
        {
            return new VerificationError(JoseErrors.Malformed, "The JWS header must not be empty.");
        }

        // The payload and signature are checked here and decoded only when used; the header is decoded on the stack.
        var headerLength = Base64Url.GetMaxDecodedLength(encodedHeader.Length);
        var headerBytes = headerLength <= 1024 ? stackalloc byte[headerLength] : new byte[headerLength];
        if (!StrictBase64Url.TryDecode(encodedHeader.Span, headerBytes, out var headerWritten)
            || !StrictBase64Url.IsCanonical(encodedPayload.Span) || !StrictBase64Url.IsCanonical(encodedSignature.Span))
        {
            return new VerificationError(JoseErrors.InvalidBase64Url, "A JWS part is not canonical unpadded base64url.");
        }

        var header = ParseObject(headerBytes[..headerWritten], options.MaxJsonDepth, "header");
        if (!header.IsValid)
        {
            return header.Error;
        }

        var h = header.Value;
        if (unprotectedHeader is { } unprotected)
        {
            if (unprotected.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(JoseErrors.Malformed, "The unprotected header must be a JSON object.");
            }

            foreach (var member in unprotected.EnumerateObject())
            {
                if (IsUnsupportedHeader(member.Name))
                {
                    return new VerificationError(JoseErrors.UnsupportedHeader, $"The header parameter '{member.Name}' is not supported.");
                }

                // RFC 7515 section 7.2.1: the protected and unprotected header parameter names must be disjoint.
                if (h.TryGetProperty(member.Name, out _))
                {
                    return new VerificationError(JoseErrors.DuplicateMember, $"The header parameter '{member.Name}' is both protected and unprotected.");
                }

                if (member.Name is "alg" or "crit")
                {
                    return new VerificationError(JoseErrors.Malformed, $"The header parameter '{member.Name}' must be integrity protected.");
                }
            }
        }

        if (!h.TryGetProperty("alg", out var algElement))
        {
            return new VerificationError(JoseErrors.MissingAlgorithm, "The JWS header has no 'alg'.");
        }

        if (algElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(JoseErrors.Malformed, "The JWS 'alg' must be a string.");
        }

        var alg = algElement.GetString()!;

        // RFC 8725 section 3.1 and RFC 9901 section 5.1: 'none' and MAC algorithms are never acceptable; unknown names neither.
        if (!JwsAlgorithm.TryGet(alg, out _) && !string.Equals(alg, extraAlgorithm, StringComparison.Ordinal))
        {
            return new VerificationError(JoseErrors.UnsupportedAlgorithm, $"The algorithm '{Truncate(alg)}' is not supported.");
        }

        if ((h.TryGetProperty("typ", out var typ) && typ.ValueKind != JsonValueKind.String)
            || (h.TryGetProperty("kid", out var kid) && kid.ValueKind != JsonValueKind.String))
        {
            return new VerificationError(JoseErrors.Malformed, "The JWS 'typ' and 'kid' headers must be strings.");
        }

        // Checked after the algorithm, so an unsigned 'none' token is reported as an unsupported algorithm.
        if (encodedSignature.Length == 0)
        {
            return new VerificationError(JoseErrors.Malformed, "The JWS signature must not be empty.");
        }

        var crit = CheckCritical(h, options);
        if (crit is not null)
        {
            return crit;
        }

        // RFC 7797 section 3: b64 false means the payload is not base64url; no token type here allows it, and a
        // verifier that ignored it (b64 without crit) would verify different bytes than the signer meant.
        foreach (var name in s_unsupportedHeaderNames)
        {
            if (h.TryGetProperty(name, out _))
            {
                return new VerificationError(JoseErrors.UnsupportedHeader, $"The header parameter '{name}' is not supported.");
            }
        }

        return new Jws(encodedHeader, encodedPayload, encodedSignature, h, alg, compact);
    }

    // RFC 7515 section 4.1.11: crit is a non-empty array of names that are not registered header names, each of
    // which is present in the header and understood by this application; otherwise the JWS is invalid.
    private static VerificationError? CheckCritical(JsonElement header, JwsReaderOptions options)
    {
        if (!header.TryGetProperty("crit", out var crit))
        {
            return null;
        }

        if (crit.ValueKind != JsonValueKind.Array || crit.GetArrayLength() == 0)
        {
            return new VerificationError(JoseErrors.UnsupportedCriticalHeader, "'crit' must be a non-empty array.");
        }

        foreach (var item in crit.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(JoseErrors.UnsupportedCriticalHeader, "'crit' entries must be strings.");
            }

            var name = item.GetString()!;
            if (s_registeredHeaderNames.Contains(name) || !options.UnderstoodCriticalHeaders.Contains(name) || !header.TryGetProperty(name, out _))
            {
                return new VerificationError(JoseErrors.UnsupportedCriticalHeader, $"The critical header '{Truncate(name)}' is not understood.");
            }
        }

        return null;
    }

    /// <summary>Parses untrusted UTF-8 JSON that must be an object; distinguishes duplicate members from other errors.</summary>
    internal static VerificationResult<JsonElement> ParseObject(ReadOnlySpan<byte> utf8, int maxDepth, string what)
    {
        if (!SafeJson.TryParseElement(utf8, out var element, maxDepth))
        {
            // Only on the failure path: tell a duplicate member apart from broken JSON.
            try
            {
                using var lenient = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = true });
                return SafeJson.HasValidStrings(lenient.RootElement)
                    ? new VerificationError(JoseErrors.DuplicateMember, $"The JWS {what} repeats a member name.")
                    : new VerificationError(JoseErrors.InvalidJson, $"The JWS {what} is not valid UTF-8 JSON.");
            }
            catch (JsonException)
            {
                return new VerificationError(JoseErrors.InvalidJson, $"The JWS {what} is not valid UTF-8 JSON within the depth limit.");
            }
            catch (ArgumentException)
            {
                return new VerificationError(JoseErrors.InvalidJson, $"The JWS {what} is not valid UTF-8 JSON.");
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(JoseErrors.InvalidJson, $"The JWS {what} must be a JSON object.");
        }

        return element;
    }

    /// <summary>Parses the payload as a JSON object with duplicate members rejected.</summary>
    /// <param name="options">Limits.</param>
    public VerificationResult<JsonElement> ParsePayload(JwsReaderOptions? options = null)
    {
        var maxDepth = (options ?? JwsReaderOptions.Default).MaxJsonDepth;
        if (_payload is not null)
        {
            return ParseObject(_payload, maxDepth, "payload");
        }

        // Decoded into a pooled buffer: the parsed element keeps its own copy.
        var length = Base64Url.GetMaxDecodedLength(_encodedPayload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            StrictBase64Url.TryDecode(_encodedPayload.Span, buffer, out var written);
            return ParseObject(buffer.AsSpan(0, written), maxDepth, "payload");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>
    /// Parses the payload into a pooled document over a pooled buffer, for a verifier that reads the payload only while
    /// verifying (nothing is copied); dispose it when done. Errors are those of <see cref="ParsePayload"/>.
    /// </summary>
    internal VerificationResult<PooledJsonObject> ParsePayloadPooled(JwsReaderOptions options)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(_encodedPayload.Length));
        StrictBase64Url.TryDecode(_encodedPayload.Span, buffer, out var written);
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, written), SafeJson.DocumentOptions(options.MaxJsonDepth));
            if (document.RootElement.ValueKind == JsonValueKind.Object && SafeJson.HasWellFormedStrings(buffer.AsSpan(0, written), document.RootElement))
            {
                var pooled = new PooledJsonObject(document, buffer);
                document = null;
                buffer = null;
                return pooled;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Classified below by the copying parser, which names duplicates apart from broken JSON.
        }
        finally
        {
            document?.Dispose();
        }

        try
        {
            var error = ParseObject(buffer.AsSpan(0, written), options.MaxJsonDepth, "payload");
            return error.IsValid ? new VerificationError(JoseErrors.InvalidJson, "The JWS payload is not valid UTF-8 JSON.") : error.Error;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer!, clearArray: true);
        }
    }

    /// <summary>
    /// Verifies the signature: the header's algorithm must be on the verifier's allow-list (never chosen by the token)
    /// and usable with the key. Never throws for bad signatures.
    /// </summary>
    /// <param name="key">The key that must have signed.</param>
    /// <param name="allowedAlgorithms">The verifier's allow-list; <see cref="JwsAlgorithm.DefaultAllowed"/> when omitted.</param>
    public VerificationError? VerifySignature(VerificationKey key, IReadOnlyList<JwsAlgorithm>? allowedAlgorithms = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        allowedAlgorithms ??= JwsAlgorithm.DefaultAllowed;
        JwsAlgorithm? algorithm = null;
        foreach (var allowed in allowedAlgorithms)
        {
            if (string.Equals(allowed.Name, AlgorithmName, StringComparison.Ordinal))
            {
                algorithm = allowed;
                break;
            }
        }

        if (algorithm is null)
        {
            return new VerificationError(JoseErrors.AlgorithmNotAllowed, $"The algorithm '{AlgorithmName}' is not allowed by this verifier.");
        }

        // RFC 7517 section 4.4: a JWK that states its algorithm is for that algorithm only.
        if (algorithm.KeyType != key.Jwk.Kty || !algorithm.IsCompatibleWithCurve(key.Jwk.Crv) || !key.Jwk.PermitsAlgorithm(algorithm))
        {
            return new VerificationError(JoseErrors.KeyAlgorithmMismatch, $"A {key.Jwk.Crv} key cannot verify '{AlgorithmName}'.");
        }

        // Sections 4.2 and 4.3: a key whose use or key_ops is stated must be for verifying signatures.
        if (!key.CanVerify(algorithm))
        {
            return new VerificationError(KeyErrors.OperationNotPermitted, "The key's 'use' or 'key_ops' does not allow verifying signatures.");
        }

        // Both parts passed the strict base64url check, so they are ASCII: one byte per character.
        var signingInputLength = _encodedHeader.Length + 1 + _encodedPayload.Length;
        byte[]? rented = null;
        var buffer = signingInputLength <= 4096 ? stackalloc byte[signingInputLength] : (rented = ArrayPool<byte>.Shared.Rent(signingInputLength)).AsSpan(0, signingInputLength);
        try
        {
            var written = Encoding.ASCII.GetBytes(_encodedHeader.Span, buffer);
            buffer[written++] = (byte)'.';
            Encoding.ASCII.GetBytes(_encodedPayload.Span, buffer[written..]);
            Span<byte> signature = stackalloc byte[Base64Url.GetMaxDecodedLength(Math.Min(_encodedSignature.Length, 1024))];
            if (_encodedSignature.Length > 1024 || !StrictBase64Url.TryDecode(_encodedSignature.Span, signature, out var signatureLength))
            {
                return new VerificationError(JoseErrors.InvalidSignature, "The JWS signature does not verify.");
            }

            return key.Verify(algorithm, buffer, signature[..signatureLength])
                ? null
                : new VerificationError(JoseErrors.InvalidSignature, "The JWS signature does not verify.");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether a header parameter is one no token type of this library allows (<c>b64</c>, <c>zip</c>).</summary>
    internal static bool IsUnsupportedHeader(string name) => Array.IndexOf(s_unsupportedHeaderNames, name) >= 0;

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";
}

/// <summary>A JSON object parsed in place over a pooled buffer; disposing returns (and clears) both.</summary>
internal sealed class PooledJsonObject : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;

    public PooledJsonObject(JsonDocument document, byte[] buffer)
    {
        _document = document;
        _buffer = buffer;
    }

    /// <summary>The object; valid until disposed.</summary>
    public JsonElement Root => _document.RootElement;

    public void Dispose()
    {
        _document.Dispose();
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
