using System;
using System.Security.Cryptography;

namespace Credentials.Status;

/// <summary>Uniform random indices from the CSPRNG (never <see cref="System.Random"/>).</summary>
internal static class RandomIndex
{
    /// <summary>A uniformly random integer in [0, <paramref name="maxExclusive"/>).</summary>
    public static long Next(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        if (maxExclusive <= int.MaxValue)
        {
            return RandomNumberGenerator.GetInt32((int)maxExclusive);
        }

        // Rejection sampling over 63-bit values keeps the distribution uniform.
        Span<byte> bytes = stackalloc byte[8];
        var limit = long.MaxValue - (long.MaxValue % maxExclusive);
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var candidate = (long)(BitConverter.ToUInt64(bytes) >> 1);
            if (candidate < limit)
            {
                return candidate % maxExclusive;
            }
        }
    }
}
