using System;
using System.Security.Cryptography;

namespace Credentials.Internal;

/// <summary>
/// Small random values (salts, decoy seeds) from the operating system's CSPRNG, fetched a kilobyte at a time: the fixed
/// cost of one CSPRNG call is several times the cost of hashing a disclosure, and an issuance needs one salt per
/// disclosure. Each thread has its own buffer; bytes are handed out once and cleared as they leave the buffer.
/// </summary>
internal static class RandomPool
{
    private const int BufferSize = 1024;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_used;

    /// <summary>Fills <paramref name="destination"/> (at most 64 bytes) with fresh CSPRNG output.</summary>
    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > 64)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        var buffer = t_buffer;
        if (buffer is null)
        {
            t_buffer = buffer = new byte[BufferSize];
            t_used = BufferSize;
        }

        if (BufferSize - t_used < destination.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            t_used = 0;
        }

        var taken = buffer.AsSpan(t_used, destination.Length);
        taken.CopyTo(destination);
        CryptographicOperations.ZeroMemory(taken);
        t_used += destination.Length;
    }
}
