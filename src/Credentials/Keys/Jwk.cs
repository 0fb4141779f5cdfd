using System;
using System.Buffers;
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

    /// <summary>Whether this JWK holds private key material.</summary>
    public bool HasPrivateKey => D is not null;

    /// <summary>This key without its private part.</summary>
    public Jwk ToPublic() => D is null ? this : this with { D = null };

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

    /// <summary>Reads a JWK from untrusted JSON text; never throws.</summary>
    /// <param name="json">The JWK JSON object.</param>
    public static VerificationResult<Jwk> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = Json.TryParse(json);
        if (doc is null)
        {
            return KeyErrors.Invalid("The JWK is not valid JSON (or has duplicate members).");
        }

        return Read(doc.RootElement);
    }

    /// <summary>Reads a JWK from an untrusted JSON element (for example <c>cnf.jwk</c>); never throws.</summary>
    /// <param name="element">The JWK JSON object.</param>
    public static VerificationResult<Jwk> Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return KeyErrors.Invalid("A JWK must be a JSON object.");
        }

        string? kty = null, crv = null, x = null, y = null, d = null, n = null, e = null, kid = null, alg = null, use = null;
        foreach (var member in element.EnumerateObject())
        {
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
                return KeyErrors.Invalid($"The JWK member '{member.Name}' must be a string.");
            }

            target = member.Value.GetString();
        }

        if (string.IsNullOrEmpty(kty))
        {
            return KeyErrors.Invalid("The JWK has no 'kty'.");
        }

        foreach (var part in new[] { x, y, d, n, e })
        {
            if (part is not null && !StrictBase64Url.IsCanonical(part.AsSpan()))
            {
                return KeyErrors.Invalid("A JWK key parameter is not canonical base64url.");
            }
        }

        var jwk = new Jwk { Kty = kty, Crv = crv, X = x, Y = y, D = d, N = n, E = e, Kid = kid, Alg = alg, Use = use };
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
                    return KeyErrors.InvalidError("An EC JWK needs 'crv', 'x' and 'y'.");
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
                    return KeyErrors.UnsupportedError($"The EC curve '{Crv}' is not supported.");
                }

                if (DecodedLength(X) != size || DecodedLength(Y) != size || (D is not null && DecodedLength(D) != size))
                {
                    return KeyErrors.InvalidError($"The {Crv} JWK coordinates have the wrong length.");
                }

                return null;

            case JwkKeyTypes.Okp:
                if (Crv is not (JwkCurves.Ed25519 or JwkCurves.X25519))
                {
                    return KeyErrors.UnsupportedError($"The OKP curve '{Crv}' is not supported.");
                }

                if (X is null || DecodedLength(X) != 32 || Y is not null || (D is not null && DecodedLength(D) != 32))
                {
                    return KeyErrors.InvalidError($"The {Crv} JWK must have a 32-byte 'x' (and 'd'), and no 'y'.");
                }

                return null;

            case JwkKeyTypes.Rsa:
                return N is null || E is null ? KeyErrors.InvalidError("An RSA JWK needs 'n' and 'e'.") : null;

            default:
                return KeyErrors.UnsupportedError($"The key type '{Kty}' is not supported.");
        }
    }

    private static int DecodedLength(string base64Url) => base64Url.Length * 3 / 4;

    /// <summary>Serializes the JWK as compact JSON with members in lexicographic order.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
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
        using (var writer = new Utf8JsonWriter(stream, Json.WriterOptions))
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
