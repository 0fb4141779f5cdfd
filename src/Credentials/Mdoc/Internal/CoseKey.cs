using System;
using System.Formats.Cbor;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Mdoc.Internal;

/// <summary>COSE_Key (RFC 9052 section 7, RFC 9053 section 7) to and from <see cref="Jwk"/>: EC2 P-256/P-384/P-521 and OKP Ed25519/X25519, public parts only.</summary>
internal static class CoseKey
{
    private const int LabelKty = 1;
    private const int LabelCrv = -1;
    private const int LabelX = -2;
    private const int LabelY = -3;
    private const int LabelD = -4;
    private const int KtyOkp = 1;
    private const int KtyEc2 = 2;

    /// <summary>Reads a public COSE_Key at the reader's position.</summary>
    public static Jwk Read(CborReader reader)
    {
        var count = StrictCbor.ReadMapStart(reader, "The COSE_Key");
        long? kty = null;
        long? crv = null;
        ReadOnlyMemory<byte>? x = null;
        ReadOnlyMemory<byte>? y = null;
        var seen = new System.Collections.Generic.HashSet<long>();
        for (var i = 0; i < count; i++)
        {
            long label;
            if (reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)
            {
                label = StrictCbor.ReadInt(reader, "A COSE_Key label");
            }
            else
            {
                // Text labels are allowed by RFC 9052; none is used here.
                StrictCbor.ReadText(reader, "A COSE_Key label");
                reader.SkipValue();
                continue;
            }

            StrictCbor.AddUnique(seen, label, "The COSE_Key");
            switch (label)
            {
                case LabelKty:
                    kty = StrictCbor.ReadInt(reader, "The COSE_Key kty");
                    break;
                case LabelCrv:
                    crv = StrictCbor.ReadInt(reader, "The COSE_Key crv");
                    break;
                case LabelX:
                    x = StrictCbor.ReadBytes(reader, "The COSE_Key x");
                    break;
                case LabelY:
                    if (reader.PeekState() == CborReaderState.Boolean)
                    {
                        throw new MdocFormatException(MdocErrors.InvalidKey, "Compressed EC points are not supported in a COSE_Key.");
                    }

                    y = StrictCbor.ReadBytes(reader, "The COSE_Key y");
                    break;
                case LabelD:
                    throw new MdocFormatException(MdocErrors.InvalidKey, "A public COSE_Key must not carry a private key.");
                default:
                    reader.SkipValue();
                    break;
            }
        }

        reader.ReadEndMap();
        if (kty == KtyEc2)
        {
            var (name, size) = crv switch
            {
                1 => (JwkCurves.P256, 32),
                2 => (JwkCurves.P384, 48),
                3 => ("P-521", 66),
                _ => throw new MdocFormatException(MdocErrors.InvalidKey, "The COSE_Key EC2 curve is not supported."),
            };
            if (x is null || y is null || x.Value.Length != size || y.Value.Length != size)
            {
                throw new MdocFormatException(MdocErrors.InvalidKey, $"The {name} COSE_Key coordinates must be {size} bytes.");
            }

            return new Jwk { Kty = JwkKeyTypes.EC, Crv = name, X = StrictBase64Url.Encode(x.Value.Span), Y = StrictBase64Url.Encode(y.Value.Span) };
        }

        if (kty == KtyOkp)
        {
            var name = crv switch
            {
                6 => JwkCurves.Ed25519,
                4 => JwkCurves.X25519,
                _ => throw new MdocFormatException(MdocErrors.InvalidKey, "The COSE_Key OKP curve is not supported."),
            };
            if (x is null || x.Value.Length != 32 || y is not null)
            {
                throw new MdocFormatException(MdocErrors.InvalidKey, $"The {name} COSE_Key must have a 32-byte x and no y.");
            }

            return new Jwk { Kty = JwkKeyTypes.Okp, Crv = name, X = StrictBase64Url.Encode(x.Value.Span) };
        }

        throw new MdocFormatException(MdocErrors.InvalidKey, "The COSE_Key type is not supported.");
    }

    /// <summary>Writes the public part of a JWK as a COSE_Key (labels in the order 1, -1, -2, -3).</summary>
    /// <exception cref="ArgumentException">The JWK is not a supported public key.</exception>
    public static void Write(CborWriter writer, Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var x = jwk.X is null ? null : StrictBase64Url.TryDecode(jwk.X.AsSpan());
        if (jwk.Kty == JwkKeyTypes.EC)
        {
            var (crv, size) = jwk.Crv switch
            {
                JwkCurves.P256 => (1, 32),
                JwkCurves.P384 => (2, 48),
                "P-521" => (3, 66),
                _ => throw new ArgumentException("The EC curve has no COSE_Key encoding here.", nameof(jwk)),
            };
            var y = jwk.Y is null ? null : StrictBase64Url.TryDecode(jwk.Y.AsSpan());
            if (x is null || y is null || x.Length != size || y.Length != size)
            {
                throw new ArgumentException("The EC JWK coordinates are missing or of the wrong length.", nameof(jwk));
            }

            writer.WriteStartMap(4);
            writer.WriteInt32(LabelKty);
            writer.WriteInt32(KtyEc2);
            writer.WriteInt32(LabelCrv);
            writer.WriteInt32(crv);
            writer.WriteInt32(LabelX);
            writer.WriteByteString(x);
            writer.WriteInt32(LabelY);
            writer.WriteByteString(y);
            writer.WriteEndMap();
            return;
        }

        if (jwk.Kty == JwkKeyTypes.Okp && jwk.Crv is JwkCurves.Ed25519 or JwkCurves.X25519)
        {
            if (x is null || x.Length != 32)
            {
                throw new ArgumentException("The OKP JWK x is missing or not 32 bytes.", nameof(jwk));
            }

            writer.WriteStartMap(3);
            writer.WriteInt32(LabelKty);
            writer.WriteInt32(KtyOkp);
            writer.WriteInt32(LabelCrv);
            writer.WriteInt32(jwk.Crv == JwkCurves.Ed25519 ? 6 : 4);
            writer.WriteInt32(LabelX);
            writer.WriteByteString(x);
            writer.WriteEndMap();
            return;
        }

        throw new ArgumentException("The JWK type has no COSE_Key encoding here.", nameof(jwk));
    }
}
