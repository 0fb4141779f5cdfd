using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.IdentityModel;

/// <summary>
/// Converts keys between Microsoft.IdentityModel (<see cref="JsonWebKey"/>, <see cref="ECDsaSecurityKey"/>,
/// <see cref="EdDsaSecurityKey"/>) and Credentials (<see cref="Jwk"/>, <see cref="SigningKey"/>, <see cref="VerificationKey"/>).
/// </summary>
/// <remarks>
/// Supported: EC keys on P-256, P-384 and secp256k1 (where the platform has it) and OKP Ed25519 keys, public or private;
/// public RSA <see cref="JsonWebKey"/>s convert to a <see cref="Jwk"/> for thumbprints only.
/// A <see cref="JsonWebKey"/> goes through the same strict checks as any JWK (<see cref="Jwk.Read(string)"/>: canonical
/// base64url, coordinate lengths); keys that come from outside (a fetched JWKS) should use <see cref="ReadJwk"/>, which
/// never throws for bad key material.
/// </remarks>
public static class IdentityModelKeys
{
    /// <summary>
    /// Reads an IdentityModel key as a Credentials <see cref="Jwk"/>; never throws for unsupported or invalid key material.
    /// </summary>
    /// <param name="key">A <see cref="JsonWebKey"/>, <see cref="ECDsaSecurityKey"/> or <see cref="EdDsaSecurityKey"/>.</param>
    /// <param name="includePrivateKey">Whether to include the private key (<c>d</c>) when the key has one and can export it.</param>
    /// <returns>The JWK (with <c>kid</c> from the key id), or an error with a <see cref="KeyErrors"/> code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static VerificationResult<Jwk> ReadJwk(SecurityKey key, bool includePrivateKey = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        switch (key)
        {
            case EdDsaSecurityKey edKey:
                return includePrivateKey && edKey.SigningKey is not null ? edKey.SigningKey.ExportPrivateJwk() : edKey.PublicJwk;

            case JsonWebKey jsonWebKey:
                return FromJsonWebKey(jsonWebKey, includePrivateKey);

            case ECDsaSecurityKey ecKey:
                return FromECDsa(ecKey.ECDsa, ecKey.KeyId, includePrivateKey);

            default:
                return new VerificationError(KeyErrors.UnsupportedKeyType, $"Keys of type {key.GetType().Name} cannot be converted.");
        }
    }

    /// <summary>Converts a trusted IdentityModel key (configuration) into a Credentials <see cref="Jwk"/>.</summary>
    /// <param name="key">A <see cref="JsonWebKey"/>, <see cref="ECDsaSecurityKey"/> or <see cref="EdDsaSecurityKey"/>.</param>
    /// <param name="includePrivateKey">Whether to include the private key (<c>d</c>) when the key has one and can export it.</param>
    /// <returns>The JWK.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The key type or curve is not supported, or the key material is invalid.</exception>
    public static Jwk ToJwk(this SecurityKey key, bool includePrivateKey = false)
    {
        var result = ReadJwk(key, includePrivateKey);
        return result.IsValid ? result.Value : throw new ArgumentException(result.Error.Message, nameof(key));
    }

    /// <summary>Imports the public part of a trusted IdentityModel key as a <see cref="VerificationKey"/>. The caller disposes it.</summary>
    /// <param name="key">A <see cref="JsonWebKey"/>, <see cref="ECDsaSecurityKey"/> or <see cref="EdDsaSecurityKey"/>.</param>
    /// <returns>A new verification key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The key type or curve is not supported, or the key material is invalid.</exception>
    public static VerificationKey ToVerificationKey(this SecurityKey key) => VerificationKey.Create(key.ToJwk());

    /// <summary>Imports the private part of a trusted IdentityModel key as a <see cref="SigningKey"/>. The caller disposes it.</summary>
    /// <param name="key">A private <see cref="JsonWebKey"/>, <see cref="ECDsaSecurityKey"/> (exportable) or <see cref="EdDsaSecurityKey"/>.</param>
    /// <param name="algorithm">The algorithm; defaults to the key's <c>alg</c> or its curve's algorithm.</param>
    /// <returns>A new signing key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The key is not supported, has no exportable private key, or does not match the algorithm.</exception>
    public static SigningKey ToSigningKey(this SecurityKey key, JwsAlgorithm? algorithm = null) => SigningKey.FromJwk(key.ToJwk(includePrivateKey: true), algorithm);

    /// <summary>
    /// Exposes a signing key to IdentityModel: an <see cref="EdDsaSecurityKey"/> wrapping it for Ed25519, an
    /// <see cref="ECDsaSecurityKey"/> over a new <see cref="ECDsa"/> with a copy of the private key for EC.
    /// </summary>
    /// <param name="key">The signing key; an Ed25519 key is wrapped, not copied, so keep it alive while the result is used.</param>
    /// <returns>A security key with <see cref="SecurityKey.KeyId"/> set from the key's id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static SecurityKey ToSecurityKey(this SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (EdDsaSecurityKey.IsEd25519(key.PublicJwk))
        {
            return new EdDsaSecurityKey(key);
        }

        var privateJwk = key.ExportPrivateJwk();
        return ToECDsaSecurityKey(privateJwk);
    }

    /// <summary>
    /// Exposes a verification key to IdentityModel: an <see cref="EdDsaSecurityKey"/> wrapping it for Ed25519, an
    /// <see cref="ECDsaSecurityKey"/> over a new public <see cref="ECDsa"/> for EC.
    /// </summary>
    /// <param name="key">The verification key; an Ed25519 key is wrapped, not copied, so keep it alive while the result is used.</param>
    /// <returns>A security key with <see cref="SecurityKey.KeyId"/> set from the JWK's <c>kid</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static SecurityKey ToSecurityKey(this VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return EdDsaSecurityKey.IsEd25519(key.Jwk) ? new EdDsaSecurityKey(key) : ToECDsaSecurityKey(key.Jwk);
    }

    /// <summary>Converts a Credentials <see cref="Jwk"/> into an IdentityModel <see cref="JsonWebKey"/> with the same members.</summary>
    /// <param name="jwk">The JWK (public or private).</param>
    /// <returns>A new <see cref="JsonWebKey"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jwk"/> is <see langword="null"/>.</exception>
    public static JsonWebKey ToJsonWebKey(this Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var result = new JsonWebKey { Kty = jwk.Kty };
        if (jwk.Crv is not null)
        {
            result.Crv = jwk.Crv;
        }

        if (jwk.X is not null)
        {
            result.X = jwk.X;
        }

        if (jwk.Y is not null)
        {
            result.Y = jwk.Y;
        }

        if (jwk.D is not null)
        {
            result.D = jwk.D;
        }

        if (jwk.N is not null)
        {
            result.N = jwk.N;
        }

        if (jwk.E is not null)
        {
            result.E = jwk.E;
        }

        if (jwk.Kid is not null)
        {
            result.Kid = jwk.Kid;
        }

        if (jwk.Alg is not null)
        {
            result.Alg = jwk.Alg;
        }

        if (jwk.Use is not null)
        {
            result.Use = jwk.Use;
        }

        return result;
    }

    private static VerificationResult<Jwk> FromJsonWebKey(JsonWebKey key, bool includePrivateKey)
    {
        if (key.Kty is not (JwkKeyTypes.EC or JwkKeyTypes.Okp or JwkKeyTypes.Rsa))
        {
            return new VerificationError(KeyErrors.UnsupportedKeyType, $"JsonWebKeys of type '{key.Kty}' cannot be converted.");
        }

        // Through the strict reader, so a JsonWebKey passes exactly the checks a JWK from the wire passes.
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteIfSet(writer, "kty", key.Kty);
            WriteIfSet(writer, "crv", key.Crv);
            WriteIfSet(writer, "x", key.X);
            WriteIfSet(writer, "y", key.Y);
            WriteIfSet(writer, "n", key.N);
            WriteIfSet(writer, "e", key.E);

            // RSA private keys are not carried over: RSA is here for thumbprints only.
            WriteIfSet(writer, "d", includePrivateKey && key.Kty != JwkKeyTypes.Rsa ? key.D : null);
            WriteIfSet(writer, "kid", key.Kid);
            WriteIfSet(writer, "alg", key.Alg);
            WriteIfSet(writer, "use", key.Use);
            writer.WriteEndObject();
        }

        return Jwk.Read(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    private static VerificationResult<Jwk> FromECDsa(ECDsa? ecdsa, string? keyId, bool includePrivateKey)
    {
        if (ecdsa is null)
        {
            return new VerificationError(KeyErrors.InvalidJwk, "The ECDsaSecurityKey has no ECDsa.");
        }

        ECParameters parameters;
        try
        {
            parameters = ExportParameters(ecdsa, includePrivateKey);
        }
        catch (CryptographicException)
        {
            return new VerificationError(KeyErrors.InvalidJwk, "The ECDsa key cannot be exported.");
        }

        try
        {
            var crv = CurveName(parameters.Curve);
            if (crv is null || !EcCurves.TryGet(crv, out _, out var size))
            {
                return new VerificationError(KeyErrors.UnsupportedKeyType, "The ECDsa key is not on P-256, P-384 or secp256k1.");
            }

            if (parameters.Q.X is null || parameters.Q.Y is null || parameters.Q.X.Length != size || parameters.Q.Y.Length != size)
            {
                return new VerificationError(KeyErrors.InvalidJwk, $"The {crv} public key coordinates must be {size} bytes.");
            }

            return new Jwk
            {
                Kty = JwkKeyTypes.EC,
                Crv = crv,
                X = StrictBase64Url.Encode(parameters.Q.X),
                Y = StrictBase64Url.Encode(parameters.Q.Y),
                D = parameters.D is null ? null : StrictBase64Url.Encode(parameters.D),
                Kid = string.IsNullOrEmpty(keyId) ? null : keyId,
            };
        }
        finally
        {
            if (parameters.D is not null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
    }

    private static ECParameters ExportParameters(ECDsa ecdsa, bool includePrivateKey)
    {
        if (!includePrivateKey)
        {
            return ecdsa.ExportParameters(false);
        }

        try
        {
            return ecdsa.ExportParameters(true);
        }
        catch (CryptographicException)
        {
            // A public-only (or non-exportable) key: the public part is still useful.
            return ecdsa.ExportParameters(false);
        }
    }

    private static string? CurveName(ECCurve curve)
    {
        if (!curve.IsNamed || curve.Oid is null)
        {
            return null;
        }

        return curve.Oid.Value switch
        {
            "1.2.840.10045.3.1.7" => JwkCurves.P256,
            "1.3.132.0.34" => JwkCurves.P384,
            "1.3.132.0.10" => JwkCurves.Secp256k1,
            _ => curve.Oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" or "secP256r1" => JwkCurves.P256,
                "nistP384" or "ECDSA_P384" or "secP384r1" => JwkCurves.P384,
                "secp256k1" => JwkCurves.Secp256k1,
                _ => null,
            },
        };
    }

    private static ECDsaSecurityKey ToECDsaSecurityKey(Jwk jwk)
    {
        if (!EcCurves.TryGet(jwk.Crv, out var curve, out _))
        {
            throw new ArgumentException($"The curve '{jwk.Crv}' is not supported on this platform.", nameof(jwk));
        }

        var parameters = new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = Decode(jwk.X), Y = Decode(jwk.Y) },
            D = jwk.D is null ? null : Decode(jwk.D),
        };
        try
        {
            return new ECDsaSecurityKey(ECDsa.Create(parameters)) { KeyId = jwk.Kid };
        }
        finally
        {
            if (parameters.D is not null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
    }

    private static byte[] Decode(string? base64Url)
        => (base64Url is null ? null : StrictBase64Url.TryDecode(base64Url.AsSpan())) ?? throw new ArgumentException("A JWK key parameter is not base64url.", nameof(base64Url));
}
