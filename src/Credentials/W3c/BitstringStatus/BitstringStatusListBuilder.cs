using System;
using System.IO.Compression;

namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// Builds a Bitstring Status List (section 3.3, Bitstring Generation): entries start at 0 (unset) and are set one by
/// one. The bitstring is never shorter than 16 KB (section 2.2). Not thread-safe; an issuer builds one per publication.
/// </summary>
public sealed class BitstringStatusListBuilder
{
    private readonly byte[] _bits;

    /// <summary>Creates a list of at least <paramref name="entries"/> entries of <paramref name="statusSize"/> bits, every entry 0.</summary>
    /// <param name="statusSize">The entry size in bits, 1 to <see cref="BitstringStatusList.MaxStatusSize"/>.</param>
    /// <param name="entries">
    /// The number of entries; the bitstring is rounded up to whole bytes and to at least 16 KB, so the list may hold more.
    /// Defaults to <see cref="BitstringStatusList.MinimumEntries"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or the list would exceed <see cref="BitstringStatusList.DefaultMaxBytes"/>.</exception>
    public BitstringStatusListBuilder(int statusSize = 1, long entries = BitstringStatusList.MinimumEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, BitstringStatusList.MaxStatusSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entries);
        var bytes = (entries * statusSize + 7) / 8;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, BitstringStatusList.DefaultMaxBytes, nameof(entries));
        _bits = new byte[Math.Max(BitstringStatusList.MinimumBytes, bytes)];
        StatusSize = statusSize;
    }

    /// <summary>The entry size in bits.</summary>
    public int StatusSize { get; }

    /// <summary>How many entries the list holds.</summary>
    public long Length => (long)_bits.Length * 8 / StatusSize;

    /// <summary>Reads an entry's value.</summary>
    /// <param name="index">The entry's index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public int Get(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        return BitstringStatusList.ReadBits(_bits, index * StatusSize, StatusSize);
    }

    /// <summary>Sets an entry's value.</summary>
    /// <param name="index">The entry's index.</param>
    /// <param name="status">The value, 0 to 2^<see cref="StatusSize"/> - 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list or the value does not fit.</exception>
    public BitstringStatusListBuilder Set(long index, int status)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        ArgumentOutOfRangeException.ThrowIfNegative(status);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(status, 1 << StatusSize);
        BitstringStatusList.WriteBits(_bits, index * StatusSize, StatusSize, status);
        return this;
    }

    /// <summary>Copies the current state into an immutable list.</summary>
    public BitstringStatusList ToStatusList() => BitstringStatusList.Wrap((byte[])_bits.Clone(), StatusSize);

    /// <summary>Encodes the current state as an <c>encodedList</c> value: GZIP, then multibase base64url (<c>u…</c>).</summary>
    /// <param name="level">The compression level.</param>
    public string Encode(CompressionLevel level = CompressionLevel.SmallestSize) => BitstringStatusList.Encode(_bits, level);
}
