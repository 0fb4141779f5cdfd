using System;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Credentials.Keys;

/// <summary>
/// Converts ECDSA signatures between the DER <c>ECDSA-Sig-Value</c> that most key services and HSM APIs return
/// (RFC 3279 section 2.2.3, X9.62) and the fixed-size <c>r||s</c> form JOSE requires (RFC 7518 section 3.4).
/// </summary>
/// <remarks>
/// Both directions read the output of a signing service, not a token: a malformed signature is a
/// <see cref="CryptographicException"/>, like a failed signing operation (the call that produced it failed), and is
/// never turned into a signature that merely fails to verify later. An argument that cannot work at all (an algorithm
/// that is not ECDSA) is an <see cref="ArgumentException"/>.
/// </remarks>
public static class EcdsaSignatureEncoding
{
    /// <summary>
    /// Converts a DER <c>ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }</c> to the JOSE form: <c>r</c> then
    /// <c>s</c>, each unsigned big-endian and left-padded with zeros to the curve's field size (32 bytes for ES256 and
    /// ES256K, 48 for ES384), so the result is <see cref="JwsAlgorithm.SignatureSize"/> bytes.
    /// </summary>
    /// <param name="der">The DER signature. Strict DER: minimal lengths and integers, no trailing bytes.</param>
    /// <param name="algorithm">The ECDSA algorithm the signature was made for.</param>
    /// <returns>The raw <c>r||s</c> signature.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not an ECDSA algorithm.</exception>
    /// <exception cref="CryptographicException">
    /// The signature is not strict DER, has bytes after the sequence, or an integer that is zero, negative or wider
    /// than the field.
    /// </exception>
    public static byte[] DerToJose(ReadOnlySpan<byte> der, JwsAlgorithm algorithm)
    {
        var fieldSize = GetFieldSize(algorithm);
        var jose = new byte[2 * fieldSize];
        try
        {
            // X.690 section 10 (DER): the decoder refuses non-minimal and indefinite lengths in this mode, and
            // ReadIntegerBytes refuses integers whose first nine bits are all equal (section 8.3.2: not minimal).
            AsnDecoder.ReadSequence(der, AsnEncodingRules.DER, out var contentOffset, out var contentLength, out var consumed);
            if (consumed != der.Length)
            {
                throw new CryptographicException("The ECDSA signature has bytes after its DER sequence.");
            }

            var content = der.Slice(contentOffset, contentLength);
            var r = AsnDecoder.ReadIntegerBytes(content, AsnEncodingRules.DER, out var rLength);
            content = content[rLength..];
            var s = AsnDecoder.ReadIntegerBytes(content, AsnEncodingRules.DER, out var sLength);
            if (sLength != content.Length)
            {
                throw new CryptographicException("The ECDSA signature sequence holds more than r and s.");
            }

            CopyInteger(r, jose.AsSpan(0, fieldSize));
            CopyInteger(s, jose.AsSpan(fieldSize, fieldSize));
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("The ECDSA signature is not a DER ECDSA-Sig-Value.", ex);
        }

        return jose;
    }

    /// <summary>
    /// Converts a JOSE <c>r||s</c> ECDSA signature (RFC 7518 section 3.4) to a DER <c>ECDSA-Sig-Value</c>, the form
    /// <see cref="DSASignatureFormat.Rfc3279DerSequence"/> and X.509 use.
    /// </summary>
    /// <param name="jose">The raw signature: 64 bytes (ES256, ES256K), 96 (ES384) or 132 (P-521).</param>
    /// <returns>The DER signature.</returns>
    /// <exception cref="CryptographicException">The length is not one of those, or <c>r</c> or <c>s</c> is zero.</exception>
    public static byte[] JoseToDer(ReadOnlySpan<byte> jose)
    {
        if (jose.Length is not (64 or 96 or 132))
        {
            throw new CryptographicException("A JOSE ECDSA signature is 64, 96 or 132 bytes.");
        }

        var half = jose.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(TrimLeadingZeros(jose[..half]));
            writer.WriteIntegerUnsigned(TrimLeadingZeros(jose[half..]));
        }

        return writer.Encode();
    }

    private static int GetFieldSize(JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!string.Equals(algorithm.KeyType, JwkKeyTypes.EC, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{algorithm.Name} is not an ECDSA algorithm.", nameof(algorithm));
        }

        return algorithm.SignatureSize / 2;
    }

    private static void CopyInteger(ReadOnlySpan<byte> integer, Span<byte> destination)
    {
        // Signed two's complement content: a set top bit is a negative number, never a valid r or s.
        if ((integer[0] & 0x80) != 0)
        {
            throw new CryptographicException("An ECDSA signature integer is negative.");
        }

        // A positive integer whose top bit would be set carries one 0x00 in front; it is not part of the value.
        if (integer[0] == 0 && integer.Length > 1)
        {
            integer = integer[1..];
        }

        if (integer.Length > destination.Length)
        {
            throw new CryptographicException("An ECDSA signature integer is wider than the curve's field.");
        }

        if (integer.IndexOfAnyExcept((byte)0) < 0)
        {
            throw new CryptographicException("An ECDSA signature integer is zero.");
        }

        destination[..^integer.Length].Clear();
        integer.CopyTo(destination[^integer.Length..]);
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var first = value.IndexOfAnyExcept((byte)0);
        if (first < 0)
        {
            throw new CryptographicException("An ECDSA signature integer is zero.");
        }

        return value[first..];
    }
}
