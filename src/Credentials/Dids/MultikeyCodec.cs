using System;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Dids;

/// <summary>
/// Multikey encoding (W3C Controlled Identifiers 1.0 section 2.2.2; did:key v0.9 section 2): the multibase base58btc
/// (<c>z</c>) encoding of an unsigned-varint multicodec header followed by the raw public key; EC keys as SEC 1
/// compressed points.
/// </summary>
internal static class MultikeyCodec
{
    /// <summary>The longest multibase value accepted (an RSA-4096 did:key is about 750 characters).</summary>
    private const int MaxMultibaseLength = 1024;

    private static readonly System.Buffers.SearchValues<char> s_base58 = System.Buffers.SearchValues.Create("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

    public const ulong Ed25519Pub = 0xed;
    public const ulong X25519Pub = 0xec;
    public const ulong Secp256k1Pub = 0xe7;
    public const ulong P256Pub = 0x1200;
    public const ulong P384Pub = 0x1201;
    public const ulong P521Pub = 0x1202;
    public const ulong RsaPub = 0x1205;
    public const ulong Bls12381G1Pub = 0xea;
    public const ulong Bls12381G2Pub = 0xeb;
    public const ulong Bls12381G1G2Pub = 0xee;

    /// <summary>Encodes a supported public JWK as a multibase Multikey value. Throws for unsupported or invalid keys (programmer error).</summary>
    public static string Encode(Jwk publicJwk)
    {
        var result = TryEncode(publicJwk);
        return result.IsValid ? result.Value : throw new ArgumentException(result.Error.Message, nameof(publicJwk));
    }

    /// <summary>Encodes a public JWK as a multibase Multikey value, or explains why it cannot.</summary>
    public static VerificationResult<string> TryEncode(Jwk publicJwk)
    {
        ArgumentNullException.ThrowIfNull(publicJwk);
        ulong codec;
        byte[] raw;
        switch (publicJwk.Kty, publicJwk.Crv)
        {
            case (JwkKeyTypes.Okp, JwkCurves.Ed25519 or JwkCurves.X25519):
                raw = DecodeCoordinate(publicJwk.X, 32) ?? [];
                if (raw.Length != 32)
                {
                    return new VerificationError(DidErrors.InvalidPublicKey, $"The {publicJwk.Crv} public key must be 32 bytes.");
                }

                codec = publicJwk.Crv == JwkCurves.Ed25519 ? Ed25519Pub : X25519Pub;
                break;

            case (JwkKeyTypes.EC, JwkCurves.P256 or JwkCurves.P384 or JwkCurves.Secp256k1):
                var size = publicJwk.Crv == JwkCurves.P384 ? 48 : 32;
                var x = DecodeCoordinate(publicJwk.X, size);
                var y = DecodeCoordinate(publicJwk.Y, size);
                if (x is null || y is null)
                {
                    return new VerificationError(DidErrors.InvalidPublicKey, $"The {publicJwk.Crv} coordinates must be {size} bytes.");
                }

                raw = EcPointCompression.Compress(x, y);

                // Only points on the curve get an identifier: decompressing must give back the same y.
                if (!EcPointCompression.TryDecompress(publicJwk.Crv!, raw, out _, out var checkY) || !checkY.AsSpan().SequenceEqual(y))
                {
                    return new VerificationError(DidErrors.InvalidPublicKey, $"The {publicJwk.Crv} public key is not a valid point on the curve.");
                }

                codec = publicJwk.Crv switch
                {
                    JwkCurves.P256 => P256Pub,
                    JwkCurves.P384 => P384Pub,
                    _ => Secp256k1Pub,
                };
                break;

            default:
                return new VerificationError(DidErrors.UnsupportedKeyType, $"Keys of type {publicJwk.Kty} {publicJwk.Crv} have no Multikey encoding here.");
        }

        Span<byte> header = stackalloc byte[10];
        var headerLength = WriteVarint(codec, header);
        var bytes = new byte[headerLength + raw.Length];
        header[..headerLength].CopyTo(bytes);
        raw.CopyTo(bytes.AsSpan(headerLength));
        return "z" + SimpleBase.Base58.Bitcoin.Encode(bytes);
    }

    /// <summary>Decodes a multibase Multikey value into its multicodec and raw key bytes; never throws.</summary>
    public static VerificationResult<(ulong Codec, byte[] Raw)> DecodeRaw(string multibase)
    {
        ArgumentNullException.ThrowIfNull(multibase);

        // did:key v0.9 section 3.1.1: the multibase value MUST start with 'z' (base58btc).
        // The decoder indexes a table by character and throws for any outside it: only the alphabet reaches it.
        if (multibase.Length < 2 || multibase.Length > MaxMultibaseLength || multibase[0] != 'z' || multibase.AsSpan(1).ContainsAnyExcept(s_base58))
        {
            return new VerificationError(DidErrors.InvalidPublicKey, "The multibase value must be base58btc ('z').");
        }

        byte[] bytes;
        try
        {
            bytes = SimpleBase.Base58.Bitcoin.Decode(multibase.AsSpan(1));
        }
        catch (ArgumentException)
        {
            return new VerificationError(DidErrors.InvalidPublicKey, "The multibase value is not valid base58btc.");
        }

        // Every value has exactly one encoding: leading '1's map to zero bytes, so re-encoding must round-trip.
        if (!string.Equals(SimpleBase.Base58.Bitcoin.Encode(bytes), multibase[1..], StringComparison.Ordinal))
        {
            return new VerificationError(DidErrors.InvalidPublicKey, "The multibase value is not canonical base58btc.");
        }

        if (!TryReadVarint(bytes, out var codec, out var headerLength))
        {
            return new VerificationError(DidErrors.InvalidPublicKey, "The multicodec header is not a minimal unsigned varint.");
        }

        return (codec, bytes[headerLength..]);
    }

    /// <summary>Decodes a multibase Multikey value into a public JWK, validating length and point; never throws.</summary>
    public static VerificationResult<Jwk> Decode(string multibase) => Decode(multibase, out _);

    /// <summary>
    /// Decodes a multibase Multikey value into a public JWK and, for an Ed25519 key, the X25519 key its point check
    /// computed (empty otherwise), so a did:key document does not convert twice; never throws.
    /// </summary>
    public static VerificationResult<Jwk> Decode(string multibase, out byte[] x25519)
    {
        x25519 = [];
        var raw = DecodeRaw(multibase);
        return raw.IsValid ? ToJwk(raw.Value.Codec, raw.Value.Raw, out x25519) : raw.Error;
    }

    /// <summary>Maps a multicodec and raw key to a JWK (did:key v0.9 section 3.1.2, Encode JWK Algorithm).</summary>
    public static VerificationResult<Jwk> ToJwk(ulong codec, byte[] raw) => ToJwk(codec, raw, out _);

    private static VerificationResult<Jwk> ToJwk(ulong codec, byte[] raw, out byte[] x25519)
    {
        x25519 = [];
        switch (codec)
        {
            case Ed25519Pub:
            case X25519Pub:
                // did:key v0.9 section 3.1.2: a key of the wrong length MUST raise invalidPublicKeyLength.
                if (raw.Length != 32)
                {
                    return new VerificationError(DidErrors.InvalidPublicKey, "An Ed25519 or X25519 public key must be 32 bytes.");
                }

                // did:key v0.9: an invalid key MUST raise invalidPublicKey. libsodium refuses Ed25519 keys that are
                // not on the curve or of small order.
                if (codec == Ed25519Pub && !Ed25519ToX25519.TryConvert(raw, out x25519))
                {
                    return new VerificationError(DidErrors.InvalidPublicKey, "The Ed25519 public key is not a valid point.");
                }

                return new Jwk { Kty = JwkKeyTypes.Okp, Crv = codec == Ed25519Pub ? JwkCurves.Ed25519 : JwkCurves.X25519, X = StrictBase64Url.Encode(raw) };

            case P256Pub:
            case P384Pub:
            case Secp256k1Pub:
                var crv = codec switch
                {
                    P256Pub => JwkCurves.P256,
                    P384Pub => JwkCurves.P384,
                    _ => JwkCurves.Secp256k1,
                };
                var expected = codec == P384Pub ? 49 : 33;
                if (raw.Length != expected)
                {
                    return new VerificationError(DidErrors.InvalidPublicKey, $"A {crv} public key must be a {expected}-byte compressed point.");
                }

                if (!EcCurves.TryGet(crv, out _, out _))
                {
                    return new VerificationError(DidErrors.UnsupportedKeyType, $"The curve {crv} is not supported on this platform.");
                }

                if (!EcPointCompression.TryDecompress(crv, raw, out var x, out var y))
                {
                    return new VerificationError(DidErrors.InvalidPublicKey, $"The {crv} public key is not a valid point on the curve.");
                }

                return new Jwk { Kty = JwkKeyTypes.EC, Crv = crv, X = StrictBase64Url.Encode(x), Y = StrictBase64Url.Encode(y) };

            case P521Pub:
                return new VerificationError(DidErrors.UnsupportedKeyType, "P-521 keys (multicodec 0x1202) are not supported.");
            case RsaPub:
                return new VerificationError(DidErrors.UnsupportedKeyType, "RSA keys (multicodec 0x1205) are not supported.");
            case Bls12381G1Pub:
            case Bls12381G2Pub:
            case Bls12381G1G2Pub:
                return new VerificationError(DidErrors.UnsupportedKeyType, "BLS12-381 keys are not supported.");
            default:
                return new VerificationError(DidErrors.UnsupportedKeyType, $"The multicodec 0x{codec:x} is not a supported public key type.");
        }
    }

    private static byte[]? DecodeCoordinate(string? value, int size)
    {
        var bytes = value is null ? null : StrictBase64Url.TryDecode(value.AsSpan());
        return bytes is not null && bytes.Length == size ? bytes : null;
    }

    /// <summary>Writes an unsigned LEB128 varint (the multiformats unsigned-varint).</summary>
    internal static int WriteVarint(ulong value, Span<byte> destination)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Reads a minimal unsigned varint of at most 9 bytes (the multiformats unsigned-varint rules).</summary>
    internal static bool TryReadVarint(ReadOnlySpan<byte> source, out ulong value, out int length)
    {
        value = 0;
        length = 0;
        for (var i = 0; i < source.Length && i < 9; i++)
        {
            var b = source[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                // Minimal encoding: a final zero byte after a continuation byte would be a second encoding of the same value.
                if (b == 0 && i > 0)
                {
                    return false;
                }

                length = i + 1;
                return true;
            }
        }

        return false;
    }
}
