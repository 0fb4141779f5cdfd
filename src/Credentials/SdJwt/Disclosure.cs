using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.SdJwt;

/// <summary>
/// A disclosure (RFC 9901 section 4.2): <c>[salt, name, value]</c> for an object property or <c>[salt, value]</c> for an
/// array element, kept together with its encoded form because the digest is over the exact encoded string.
/// </summary>
public sealed class Disclosure
{
    private JsonElement? _value;
    private CachedDigest? _digest;

    private string? _salt;
    private JsonElement _saltElement;

    private Disclosure(string encoded, string? salt, string? claimName, JsonElement? value)
    {
        Encoded = encoded;
        _salt = salt;
        ClaimName = claimName;
        _value = value;
    }

    /// <summary>The base64url form, exactly as issued or received.</summary>
    public string Encoded { get; }

    /// <summary>The salt. Treat as secret: never log it.</summary>
    public string Salt => _salt ??= _saltElement.GetString()!;

    /// <summary>The claim name, or <see langword="null"/> for an array element disclosure.</summary>
    public string? ClaimName { get; }

    /// <summary>Whether this disclosure is for an array element (two elements) rather than an object property (three).</summary>
    public bool IsArrayElement => ClaimName is null;

    /// <summary>The disclosed value.</summary>
    public JsonElement Value => _value ??= DecodeValue();

    private JsonElement DecodeValue()
    {
        // Only disclosures we created from raw bytes get here; their encoding is ours and valid.
        using var doc = JsonDocument.Parse(StrictBase64Url.TryDecode(Encoded.AsSpan()));
        return doc.RootElement[IsArrayElement ? 1 : 2].Clone();
    }

    /// <summary>
    /// Encodes a disclosure whose JSON array <c>[salt, name?, value]</c> has been written to <paramref name="json"/>, and
    /// computes its digest from the encoded bytes on the way (the digest is over the ASCII of the base64url form,
    /// RFC 9901 section 4.2.3), so neither the encoded string nor the JSON is read back.
    /// </summary>
    internal static Disclosure Encode(ReadOnlySpan<byte> json, string salt, string? claimName, SdHashAlgorithm algorithm)
    {
        var length = Base64Url.GetEncodedLength(json.Length);
        byte[]? rented = null;
        var encoded = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Base64Url.EncodeToUtf8(json, encoded);
            Span<byte> digest = stackalloc byte[algorithm.HashSize];
            algorithm.Hash(encoded, digest);
            var disclosure = new Disclosure(Encoding.ASCII.GetString(encoded), salt, claimName, null);
            disclosure._digest = new CachedDigest(algorithm, Base64Url.EncodeToString(digest));
            return disclosure;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The digest of <see cref="Encoded"/> (RFC 9901 section 4.2.3), computed once per algorithm used.</summary>
    /// <param name="algorithm">The hash algorithm named by <c>_sd_alg</c>.</param>
    public string ComputeDigest(SdHashAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);

        // One reference, read and written atomically: a racing thread at worst computes the same digest again.
        var cached = _digest;
        if (cached is not null && ReferenceEquals(cached.Algorithm, algorithm))
        {
            return cached.Digest;
        }

        var digest = algorithm.ComputeDigest(Encoded);
        _digest = new CachedDigest(algorithm, digest);
        return digest;
    }

    /// <summary>Creates an object property disclosure <c>[salt, name, value]</c>.</summary>
    /// <param name="salt">The salt (at least 128 bits of entropy).</param>
    /// <param name="claimName">The claim name; <c>_sd</c> and <c>...</c> are not allowed.</param>
    /// <param name="value">The claim value.</param>
    /// <exception cref="ArgumentException">The claim name is reserved.</exception>
    public static Disclosure ForProperty(string salt, string claimName, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(claimName);
        if (claimName is "_sd" or "...")
        {
            // RFC 9901 section 4.2.1: the claim name must not be _sd or ...
            throw new ArgumentException($"'{claimName}' cannot be a disclosed claim name.", nameof(claimName));
        }

        return Create(salt, claimName, value);
    }

    /// <summary>Creates an array element disclosure <c>[salt, value]</c>.</summary>
    /// <param name="salt">The salt.</param>
    /// <param name="value">The element value.</param>
    public static Disclosure ForArrayElement(string salt, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(salt);
        return Create(salt, null, value);
    }

    private static Disclosure Create(string salt, string? claimName, JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(salt);
            if (claimName is not null)
            {
                writer.WriteStringValue(claimName);
            }

            value.WriteTo(writer);
            writer.WriteEndArray();
        }

        return new Disclosure(StrictBase64Url.Encode(buffer.WrittenSpan), salt, claimName, value.Clone());
    }

    /// <summary>Parses an encoded disclosure from untrusted input; never throws for bad input.</summary>
    /// <param name="encoded">The base64url disclosure.</param>
    /// <param name="maxDepth">The deepest JSON nesting accepted.</param>
    public static VerificationResult<Disclosure> Read(string encoded, int maxDepth = SafeJson.DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        // Decoded on the stack when small: the parsed element keeps its own copy of the JSON.
        var maxLength = Base64Url.GetMaxDecodedLength(encoded.Length);
        var bytes = maxLength <= 512 ? stackalloc byte[maxLength] : new byte[maxLength];
        if (encoded.Length == 0 || !StrictBase64Url.TryDecode(encoded.AsSpan(), bytes, out var written))
        {
            return new VerificationError(SdJwtErrors.InvalidDisclosure, "A disclosure is not canonical base64url.");
        }

        if (!SafeJson.TryParseElement(bytes[..written], out var root, maxDepth))
        {
            return new VerificationError(SdJwtErrors.InvalidDisclosure, "A disclosure is not valid JSON (or repeats a member name).");
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            return new VerificationError(SdJwtErrors.InvalidDisclosure, "A disclosure must be a JSON array.");
        }

        var length = root.GetArrayLength();
        if (length is not (2 or 3))
        {
            return new VerificationError(SdJwtErrors.InvalidDisclosure, "A disclosure must have two or three elements.");
        }

        var salt = root[0];
        if (salt.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(SdJwtErrors.InvalidDisclosure, "A disclosure's salt must be a string.");
        }

        if (length == 2)
        {
            return new Disclosure(encoded, null, null, root[1]) { _saltElement = salt };
        }

        var name = root[1];
        if (name.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(SdJwtErrors.InvalidDisclosure, "A disclosure's claim name must be a string.");
        }

        var claimName = name.GetString()!;
        if (claimName is "_sd" or "...")
        {
            // RFC 9901 section 7.1 step 3.2.2.2: reject a disclosure whose claim name is _sd or ...
            return new VerificationError(SdJwtErrors.ReservedClaimName, $"A disclosure uses the reserved claim name '{claimName}'.");
        }

        return new Disclosure(encoded, null, claimName, root[2]) { _saltElement = salt };
    }

    /// <summary>The encoded form. Use it for transport; it contains the salt and value, so do not log it.</summary>
    public override string ToString() => Encoded;

    private sealed record CachedDigest(SdHashAlgorithm Algorithm, string Digest);
}
