using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.Keys;

/// <summary>
/// A JSON Web Key (RFC 7517) for the key types this library uses: <c>EC</c> (P-256, P-384, secp256k1),
/// <c>OKP</c> (Ed25519, X25519) and, for thumbprints only, <c>RSA</c>. Immutable.
/// </summary>
public sealed record Jwk
{
    /// <summary>The URN prefix of a SHA-256 JWK thumbprint URI (RFC 9278 section 3).</summary>
    public const string ThumbprintUriPrefixSha256 = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:";

    /// <summary>The key type (<c>kty</c>).</summary>
    public required string Kty { get; init; }

    /// <summary>The curve (<c>crv</c>) for <c>EC</c> and <c>OKP</c> keys.</summary>
    public string? Crv { get; init; }

    /// <summary>The x coordinate or public key (<c>x</c>), base64url.</summary>
    public string? X { get; init; }

    /// <summary>The y coordinate (<c>y</c>) of an <c>EC</c> key, base64url.</summary>
    public string? Y { get; init; }

    /// <summary>The private key (<c>d</c>), base64url. <see langword="null"/> for public keys.</summary>
    public string? D { get; init; }

    /// <summary>The RSA modulus (<c>n</c>), base64url.</summary>
    public string? N { get; init; }

    /// <summary>The RSA public exponent (<c>e</c>), base64url.</summary>
    public string? E { get; init; }

    /// <summary>The key id (<c>kid</c>).</summary>
    public string? Kid { get; init; }

    /// <summary>The intended algorithm (<c>alg</c>).</summary>
    public string? Alg { get; init; }

    /// <summary>The intended use (<c>use</c>), <c>sig</c> or <c>enc</c>.</summary>
    public string? Use { get; init; }

    /// <summary>The permitted operations (<c>key_ops</c>, RFC 7517 section 4.3), for example <c>verify</c>; any when null.</summary>
    public IReadOnlyList<string>? KeyOps { get; init; }

    /// <summary>The JWK members that carry private or symmetric key material (RFC 7518 sections 6.2.2, 6.3.2 and 6.4.1, RFC 8037 section 2).</summary>
    public static IReadOnlyList<string> PrivateMemberNames { get; } = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>Whether this JWK holds private key material.</summary>
    public bool HasPrivateKey => D is not null;

    /// <summary>This key without its private part.</summary>
    public Jwk ToPublic() => D is null ? this : this with { D = null };

    /// <summary>
    /// Whether the JWK's own <c>alg</c>, <c>use</c> and <c>key_ops</c>, when it states them, allow verifying signatures
    /// of <paramref name="algorithm"/> (RFC 7517 sections 4.2 to 4.4). A JWK that states none of them allows it.
    /// </summary>
    /// <param name="algorithm">The algorithm at hand.</param>
    public bool PermitsVerification(JwsAlgorithm algorithm) => Permits(algorithm, "verify");

    /// <summary>
    /// Whether the JWK's own <c>alg</c>, <c>use</c> and <c>key_ops</c>, when it states them, allow signing with
    /// <paramref name="algorithm"/> (RFC 7517 sections 4.2 to 4.4).
    /// </summary>
    /// <param name="algorithm">The algorithm at hand.</param>
    public bool PermitsSigning(JwsAlgorithm algorithm) => Permits(algorithm, "sign");

    /// <summary>Whether <c>alg</c>, when stated, names <paramref name="algorithm"/> (EdDSA and Ed25519 are the same algorithm on an Ed25519 key).</summary>
    /// <param name="algorithm">The algorithm at hand.</param>
    public bool PermitsAlgorithm(JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (Alg is null || string.Equals(Alg, algorithm.Name, StringComparison.Ordinal))
        {
            return true;
        }

        // RFC 9864 section 2.2: on an Ed25519 key, the polymorphic EdDSA is exactly the fully specified Ed25519.
        return algorithm.IsEdDsa && string.Equals(Crv, JwkCurves.Ed25519, StringComparison.Ordinal)
            && Alg is "EdDSA" or "Ed25519";
    }

    private bool Permits(JwsAlgorithm algorithm, string operation)
    {
        // RFC 7517 section 4.4: alg, when present, is the algorithm intended for use with the key.
        if (!PermitsAlgorithm(algorithm))
        {
            return false;
        }

        // Section 4.2: use "sig" is for signatures (both signing and verifying); "enc" or anything else is not.
        if (Use is not null && !string.Equals(Use, "sig", StringComparison.Ordinal))
        {
            return false;
        }

        // Section 4.3: key_ops, when present, must list the operation.
        if (KeyOps is { } ops)
        {
            foreach (var op in ops)
            {
                if (string.Equals(op, operation, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }

    /// <summary>Whether the two JWKs have the same members (<see cref="KeyOps"/> compared by content).</summary>
    /// <param name="other">The other JWK.</param>
    public bool Equals(Jwk? other)
        => other is not null
            && string.Equals(Kty, other.Kty, StringComparison.Ordinal)
            && string.Equals(Crv, other.Crv, StringComparison.Ordinal)
            && string.Equals(X, other.X, StringComparison.Ordinal)
            && string.Equals(Y, other.Y, StringComparison.Ordinal)
            && string.Equals(D, other.D, StringComparison.Ordinal)
            && string.Equals(N, other.N, StringComparison.Ordinal)
            && string.Equals(E, other.E, StringComparison.Ordinal)
            && string.Equals(Kid, other.Kid, StringComparison.Ordinal)
            && string.Equals(Alg, other.Alg, StringComparison.Ordinal)
            && string.Equals(Use, other.Use, StringComparison.Ordinal)
            && (KeyOps is null ? other.KeyOps is null : other.KeyOps is not null && System.Linq.Enumerable.SequenceEqual(KeyOps, other.KeyOps, StringComparer.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kty, Crv, X, Y, D, Kid, Alg, KeyOps?.Count);

    /// <summary>Parses a JWK from JSON text.</summary>
    /// <param name="json">The JWK JSON object.</param>
    /// <exception cref="FormatException">The text is not a valid JWK.</exception>
    public static Jwk Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var result = Read(json);
        return result.IsValid ? result.Value : throw new FormatException(result.Error.Message);
    }

    /// <summary>Tries to parse a JWK from JSON text.</summary>
    /// <param name="json">The JWK JSON object.</param>
    /// <param name="jwk">The key, when valid.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? json, [NotNullWhen(true)] out Jwk? jwk)
    {
        jwk = null;
        if (json is null)
        {
            return false;
        }

        var result = Read(json);
        if (!result.IsValid)
        {
            return false;
        }

        jwk = result.Value;
        return true;
    }

    /// <summary>
    /// Reads a public JWK from untrusted JSON text (a token, a DID document, a trust list, issuer metadata); never
    /// throws. A JWK carrying private or symmetric key material (<see cref="PrivateMemberNames"/>) is refused with
    /// <see cref="KeyErrors.PrivateKeyMaterial"/> rather than having the private part dropped.
    /// </summary>
    /// <param name="json">The JWK JSON object.</param>
    public static VerificationResult<Jwk> ReadPublic(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = SafeJson.TryParse(json);
        if (doc is null)
        {
            return new VerificationError(KeyErrors.InvalidJwk, "The JWK is not valid JSON (or has duplicate members).");
        }

        return ReadPublic(doc.RootElement);
    }

    /// <summary>
    /// Reads a public JWK from an untrusted JSON element (for example <c>cnf.jwk</c> or a <c>publicKeyJwk</c>); never
    /// throws. A JWK carrying private or symmetric key material is refused with <see cref="KeyErrors.PrivateKeyMaterial"/>.
    /// </summary>
    /// <param name="element">The JWK JSON object.</param>
    public static VerificationResult<Jwk> ReadPublic(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in PrivateMemberNames)
            {
                // RFC 7517 section 9.2 and RFC 8725 section 3.3 in spirit: a public key slot never holds a secret; a
                // private member is refused rather than silently dropped, whatever its JSON type.
                if (element.TryGetProperty(name, out _))
                {
                    return new VerificationError(KeyErrors.PrivateKeyMaterial, "A public JWK must not carry private or symmetric key members.");
                }
            }
        }

        return Read(element);
    }

    /// <summary>Reads a JWK from untrusted JSON text; never throws. A private part is kept: use <see cref="ReadPublic(string)"/> where a public key belongs.</summary>
    /// <param name="json">The JWK JSON object.</param>
    public static VerificationResult<Jwk> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = SafeJson.TryParse(json);
        if (doc is null)
        {
            return new VerificationError(KeyErrors.InvalidJwk, "The JWK is not valid JSON (or has duplicate members).");
        }

        return Read(doc.RootElement);
    }

    /// <summary>Reads a JWK from an untrusted JSON element; never throws. A private part is kept: use <see cref="ReadPublic(JsonElement)"/> where a public key belongs.</summary>
    /// <param name="element">The JWK JSON object.</param>
    public static VerificationResult<Jwk> Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(KeyErrors.InvalidJwk, "A JWK must be a JSON object.");
        }

        string? kty = null, crv = null, x = null, y = null, d = null, n = null, e = null, kid = null, alg = null, use = null;
        List<string>? keyOps = null;
        foreach (var member in element.EnumerateObject())
        {
            if (member.NameEquals("key_ops"))
            {
                // RFC 7517 section 4.3: an array of strings; duplicate values must not be present.
                if (member.Value.ValueKind != JsonValueKind.Array)
                {
                    return new VerificationError(KeyErrors.InvalidJwk, "The JWK member 'key_ops' must be an array of strings.");
                }

                keyOps = [];
                foreach (var op in member.Value.EnumerateArray())
                {
                    if (op.ValueKind != JsonValueKind.String || keyOps.Contains(op.GetString()!))
                    {
                        return new VerificationError(KeyErrors.InvalidJwk, "The JWK member 'key_ops' must be an array of distinct strings.");
                    }

                    keyOps.Add(op.GetString()!);
                }

                continue;
            }

            ref string? target = ref kty;
            switch (member.Name)
            {
                case "kty": target = ref kty; break;
                case "crv": target = ref crv; break;
                case "x": target = ref x; break;
                case "y": target = ref y; break;
                case "d": target = ref d; break;
                case "n": target = ref n; break;
                case "e": target = ref e; break;
                case "kid": target = ref kid; break;
                case "alg": target = ref alg; break;
                case "use": target = ref use; break;
                default: continue; // Unknown members are ignored (RFC 7517 section 4).
            }

            if (member.Value.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(KeyErrors.InvalidJwk, $"The JWK member '{member.Name}' must be a string.");
            }

            target = member.Value.GetString();
        }

        if (string.IsNullOrEmpty(kty))
        {
            return new VerificationError(KeyErrors.InvalidJwk, "The JWK has no 'kty'.");
        }

        foreach (var part in new[] { x, y, d, n, e })
        {
            if (part is not null && !StrictBase64Url.IsCanonical(part.AsSpan()))
            {
                return new VerificationError(KeyErrors.InvalidJwk, "A JWK key parameter is not canonical base64url.");
            }
        }

        var jwk = new Jwk { Kty = kty, Crv = crv, X = x, Y = y, D = d, N = n, E = e, Kid = kid, Alg = alg, Use = use, KeyOps = keyOps?.AsReadOnly() };
        var shape = jwk.CheckShape();
        return shape is null ? VerificationResult<Jwk>.Success(jwk) : shape;
    }

    private VerificationError? CheckShape()
    {
        switch (Kty)
        {
            case JwkKeyTypes.EC:
                if (Crv is null || X is null || Y is null)
                {
                    return new VerificationError(KeyErrors.InvalidJwk, "An EC JWK needs 'crv', 'x' and 'y'.");
                }

                var size = Crv switch
                {
                    JwkCurves.P256 or JwkCurves.Secp256k1 => 32,
                    JwkCurves.P384 => 48,
                    "P-521" => 66,
                    _ => 0,
                };
                if (size == 0)
                {
                    return new VerificationError(KeyErrors.UnsupportedKeyType, $"The EC curve '{Crv}' is not supported.");
                }

                if (DecodedLength(X) != size || DecodedLength(Y) != size || (D is not null && DecodedLength(D) != size))
                {
                    return new VerificationError(KeyErrors.InvalidJwk, $"The {Crv} JWK coordinates have the wrong length.");
                }

                return null;

            case JwkKeyTypes.Okp:
                if (Crv is not (JwkCurves.Ed25519 or JwkCurves.X25519))
                {
                    return new VerificationError(KeyErrors.UnsupportedKeyType, $"The OKP curve '{Crv}' is not supported.");
                }

                if (X is null || DecodedLength(X) != 32 || Y is not null || (D is not null && DecodedLength(D) != 32))
                {
                    return new VerificationError(KeyErrors.InvalidJwk, $"The {Crv} JWK must have a 32-byte 'x' (and 'd'), and no 'y'.");
                }

                return null;

            case JwkKeyTypes.Rsa:
                return N is null || E is null ? new VerificationError(KeyErrors.InvalidJwk, "An RSA JWK needs 'n' and 'e'.") : null;

            default:
                return new VerificationError(KeyErrors.UnsupportedKeyType, $"The key type '{Kty}' is not supported.");
        }
    }

    private static int DecodedLength(string base64Url) => base64Url.Length * 3 / 4;

    /// <summary>Serializes the JWK as compact JSON with members in lexicographic order.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the JWK as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteIfSet(writer, "alg", Alg);
        WriteIfSet(writer, "crv", Crv);
        WriteIfSet(writer, "d", D);
        WriteIfSet(writer, "e", E);
        if (KeyOps is { } ops)
        {
            writer.WriteStartArray("key_ops");
            foreach (var op in ops)
            {
                writer.WriteStringValue(op);
            }

            writer.WriteEndArray();
        }

        WriteIfSet(writer, "kid", Kid);
        writer.WriteString("kty", Kty);
        WriteIfSet(writer, "n", N);
        WriteIfSet(writer, "use", Use);
        WriteIfSet(writer, "x", X);
        WriteIfSet(writer, "y", Y);
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// Computes the JWK thumbprint (RFC 7638): the hash of the required public members in lexicographic order,
    /// with no whitespace, base64url-encoded.
    /// </summary>
    /// <param name="hashAlgorithm">SHA-256 (the default), SHA-384 or SHA-512.</param>
    public string ComputeThumbprint(HashAlgorithmName? hashAlgorithm = null)
    {
        var hash = hashAlgorithm ?? HashAlgorithmName.SHA256;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, SafeJson.WriterOptions))
        {
            // RFC 7638 section 3.2: only the required members, in lexicographic order.
            writer.WriteStartObject();
            switch (Kty)
            {
                case JwkKeyTypes.EC:
                    writer.WriteString("crv", Crv);
                    writer.WriteString("kty", Kty);
                    writer.WriteString("x", X);
                    writer.WriteString("y", Y);
                    break;
                case JwkKeyTypes.Okp:
                    writer.WriteString("crv", Crv);
                    writer.WriteString("kty", Kty);
                    writer.WriteString("x", X);
                    break;
                case JwkKeyTypes.Rsa:
                    writer.WriteString("e", E);
                    writer.WriteString("kty", Kty);
                    writer.WriteString("n", N);
                    break;
                default:
                    throw new InvalidOperationException($"Cannot compute a thumbprint for key type '{Kty}'.");
            }

            writer.WriteEndObject();
        }

        var bytes = stream.ToArray();
        byte[] digest;
        if (hash == HashAlgorithmName.SHA256)
        {
            digest = SHA256.HashData(bytes);
        }
        else if (hash == HashAlgorithmName.SHA384)
        {
            digest = SHA384.HashData(bytes);
        }
        else if (hash == HashAlgorithmName.SHA512)
        {
            digest = SHA512.HashData(bytes);
        }
        else
        {
            throw new ArgumentException("Only SHA-256, SHA-384 and SHA-512 thumbprints are supported.", nameof(hashAlgorithm));
        }

        return StrictBase64Url.Encode(digest);
    }

    /// <summary>The SHA-256 JWK thumbprint URI (RFC 9278), <c>urn:ietf:params:oauth:jwk-thumbprint:sha-256:…</c>.</summary>
    public string ComputeThumbprintUri() => ThumbprintUriPrefixSha256 + ComputeThumbprint();

    /// <summary>A short description without key material.</summary>
    public override string ToString() => $"Jwk({Kty}{(Crv is null ? string.Empty : " " + Crv)}{(Kid is null ? string.Empty : " kid=" + Kid)}{(HasPrivateKey ? " private" : string.Empty)})";
}
