using System;
using System.Numerics;
using System.Security.Cryptography;
using Credentials.Keys;

namespace Credentials.Dids;

/// <summary>
/// SEC 1 (v2, section 2.3.3 and 2.3.4) compressed points for P-256, P-384 and secp256k1. .NET cannot import a
/// compressed point (ImportSubjectPublicKeyInfo refuses it on Linux), so <c>y</c> is recovered here from the curve
/// equation with a modular square root; the platform then validates the resulting point when it is imported.
/// </summary>
internal static class EcPointCompression
{
    private static readonly Lazy<CurveEquation?> s_p256 = new(() => CurveEquation.Load(JwkCurves.P256));
    private static readonly Lazy<CurveEquation?> s_p384 = new(() => CurveEquation.Load(JwkCurves.P384));
    private static readonly Lazy<CurveEquation?> s_secp256k1 = new(() => CurveEquation.Load(JwkCurves.Secp256k1));

    /// <summary>Compresses a point: <c>0x02 | 0x03</c> by the parity of <c>y</c>, then <c>x</c> (SEC 1 section 2.3.3).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var result = new byte[x.Length + 1];
        result[0] = (byte)(0x02 | (y[^1] & 1));
        x.CopyTo(result.AsSpan(1));
        return result;
    }

    /// <summary>
    /// Decompresses a point and checks it is on the curve. Returns <see langword="false"/> for anything invalid.
    /// </summary>
    public static bool TryDecompress(string crv, ReadOnlySpan<byte> compressed, out byte[] x, out byte[] y)
    {
        x = y = [];
        var equation = crv switch
        {
            JwkCurves.P256 => s_p256.Value,
            JwkCurves.P384 => s_p384.Value,
            JwkCurves.Secp256k1 => s_secp256k1.Value,
            _ => null,
        };
        if (equation is null || compressed.Length != equation.Size + 1 || compressed[0] is not (0x02 or 0x03))
        {
            return false;
        }

        var p = equation.Prime;
        var xValue = new BigInteger(compressed[1..], isUnsigned: true, isBigEndian: true);
        if (xValue >= p)
        {
            return false;
        }

        // y^2 = x^3 + a*x + b (mod p). All three primes are 3 mod 4, so sqrt(r) = r^((p+1)/4) when r is a square.
        var rhs = (BigInteger.ModPow(xValue, 3, p) + (equation.A * xValue) + equation.B) % p;
        var yValue = BigInteger.ModPow(rhs, (p + 1) / 4, p);
        if (BigInteger.ModPow(yValue, 2, p) != rhs)
        {
            return false;
        }

        var wantOdd = compressed[0] == 0x03;
        if (yValue.IsEven == wantOdd)
        {
            if (yValue.IsZero)
            {
                return false;
            }

            yValue = p - yValue;
        }

        x = compressed[1..].ToArray();
        y = new byte[equation.Size];
        if (!yValue.TryWriteBytes(y.AsSpan(equation.Size - yValue.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true))
        {
            return false;
        }

        // The platform validates the point (on the curve, not the identity) when it is imported.
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = equation.Curve, Q = new ECPoint { X = x, Y = y } });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private sealed class CurveEquation
    {
        private CurveEquation(ECCurve curve, int size, BigInteger prime, BigInteger a, BigInteger b)
        {
            Curve = curve;
            Size = size;
            Prime = prime;
            A = a;
            B = b;
        }

        public ECCurve Curve { get; }

        public int Size { get; }

        public BigInteger Prime { get; }

        public BigInteger A { get; }

        public BigInteger B { get; }

        /// <summary>Reads p, a and b from the platform's explicit curve parameters rather than from constants typed in here.</summary>
        public static CurveEquation? Load(string crv)
        {
            if (!EcCurves.TryGet(crv, out var curve, out var size))
            {
                return null;
            }

            try
            {
                using var ecdsa = ECDsa.Create(curve);
                var explicitCurve = ecdsa.ExportExplicitParameters(false).Curve;
                var prime = new BigInteger(explicitCurve.Prime, isUnsigned: true, isBigEndian: true);
                if (prime % 4 != 3)
                {
                    return null;
                }

                return new CurveEquation(
                    curve,
                    size,
                    prime,
                    new BigInteger(explicitCurve.A, isUnsigned: true, isBigEndian: true),
                    new BigInteger(explicitCurve.B, isUnsigned: true, isBigEndian: true));
            }
            catch (Exception ex) when (ex is CryptographicException or PlatformNotSupportedException)
            {
                return null;
            }
        }
    }
}
