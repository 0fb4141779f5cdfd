using System;
using System.Security.Cryptography;

namespace Credentials.Keys;

/// <summary>Maps JWK curve names to platform EC curves.</summary>
internal static class EcCurves
{
    private static readonly Lazy<bool> s_secp256k1Supported = new(() =>
    {
        try
        {
            using var ecdsa = ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10"));
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or PlatformNotSupportedException)
        {
            return false;
        }
    });

    /// <summary>Whether the platform's ECDSA supports secp256k1 (OpenSSL on Linux does).</summary>
    public static bool IsSecp256k1Supported => s_secp256k1Supported.Value;

    public static bool TryGet(string? crv, out ECCurve curve, out int size)
    {
        switch (crv)
        {
            case JwkCurves.P256:
                curve = ECCurve.NamedCurves.nistP256;
                size = 32;
                return true;
            case JwkCurves.P384:
                curve = ECCurve.NamedCurves.nistP384;
                size = 48;
                return true;
            case JwkCurves.Secp256k1 when IsSecp256k1Supported:
                curve = ECCurve.CreateFromValue("1.3.132.0.10");
                size = 32;
                return true;
            default:
                curve = default;
                size = 0;
                return false;
        }
    }
}
