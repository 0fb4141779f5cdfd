using System;

namespace Credentials.Mdoc.Internal;

/// <summary>COSE algorithm identifiers (IANA COSE Algorithms registry; RFC 9053, RFC 9864) to and from <see cref="JwsAlgorithm"/>.</summary>
internal static class CoseAlgorithmMap
{
    public const long Es256 = -7;
    public const long Esp256 = -9;
    public const long Es384 = -35;
    public const long Esp384 = -51;
    public const long EdDsa = -8;
    public const long Ed25519 = -19;

    /// <summary>The algorithm for a COSE id, or <see langword="null"/> when it is not supported here.</summary>
    public static JwsAlgorithm? ToJws(long alg) => alg switch
    {
        Es256 or Esp256 => JwsAlgorithm.Es256,
        Es384 or Esp384 => JwsAlgorithm.Es384,
        EdDsa or Ed25519 => JwsAlgorithm.EdDsa,
        _ => null,
    };

    /// <summary>The COSE id a signer's algorithm is written with (the polymorphic ids ISO/IEC 18013-5 §9.1.3.6 lists).</summary>
    /// <exception cref="ArgumentException">The algorithm has no COSE id here.</exception>
    public static long FromJws(JwsAlgorithm algorithm)
    {
        if (algorithm == JwsAlgorithm.Es256)
        {
            return Es256;
        }

        if (algorithm == JwsAlgorithm.Es384)
        {
            return Es384;
        }

        if (algorithm == JwsAlgorithm.EdDsa || algorithm == JwsAlgorithm.Ed25519)
        {
            return EdDsa;
        }

        throw new ArgumentException($"The algorithm {algorithm.Name} has no COSE identifier for mdoc here.", nameof(algorithm));
    }
}
