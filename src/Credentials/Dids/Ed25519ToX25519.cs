using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Credentials.Dids;

/// <summary>
/// Maps an Ed25519 public key to its X25519 public key (the birational map from edwards25519 to Curve25519,
/// RFC 7748 section 4.1) with libsodium's <c>crypto_sign_ed25519_pk_to_curve25519</c>. NSec does not expose that
/// function, so it is called directly in the libsodium library NSec already ships; nothing is implemented here.
/// </summary>
internal static class Ed25519ToX25519
{
    private static int s_initialized;

    /// <summary>
    /// Converts the key. Returns <see langword="false"/> when libsodium rejects it (not a valid point, or of small order).
    /// </summary>
    public static bool TryConvert(ReadOnlySpan<byte> ed25519PublicKey, out byte[] x25519PublicKey)
    {
        x25519PublicKey = [];
        if (ed25519PublicKey.Length != 32)
        {
            return false;
        }

        if (Volatile.Read(ref s_initialized) == 0)
        {
            // sodium_init is idempotent and thread-safe; NSec calls it too. -1 means failure.
            if (NativeMethods.sodium_init() < 0)
            {
                return false;
            }

            Volatile.Write(ref s_initialized, 1);
        }

        var output = new byte[32];
        if (NativeMethods.crypto_sign_ed25519_pk_to_curve25519(output, ed25519PublicKey.ToArray()) != 0)
        {
            return false;
        }

        x25519PublicKey = output;
        return true;
    }

    private static class NativeMethods
    {
        [DllImport("libsodium", CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
        internal static extern int sodium_init();

        [DllImport("libsodium", CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
        internal static extern int crypto_sign_ed25519_pk_to_curve25519(byte[] curve25519PublicKey, byte[] ed25519PublicKey);
    }
}
