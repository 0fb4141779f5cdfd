using System;
using System.IO.Compression;
using System.Numerics;

namespace Credentials.Status;

/// <summary>
/// A mutable Status List for the Status Issuer: set statuses, then encode <c>lst</c> or take an immutable
/// <see cref="StatusList"/>. Every entry starts as VALID (0x00), so unused indices cannot be told apart from valid
/// credentials (section 12.4). Not thread-safe.
/// </summary>
public sealed class StatusListBuilder
{
    private readonly byte[] _bytes;
    private readonly int _entriesPerByteLog2;
    private readonly int _bitsLog2;
    private readonly int _mask;

    /// <summary>Creates a list of at least <paramref name="capacity"/> entries, all VALID.</summary>
    /// <param name="bits">1, 2, 4 or 8 bits per entry.</param>
    /// <param name="capacity">The number of entries; rounded up to fill whole bytes (section 12.5 recommends a size divisible by 8 bits).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 1, 2, 4 or 8, or <paramref name="capacity"/> is negative or needs more than 2 GiB.</exception>
    public StatusListBuilder(int bits, long capacity)
    {
        StatusList.ThrowIfInvalidBits(bits);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var byteCount = ((capacity * bits) + 7) / 8;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(byteCount, (long)Array.MaxLength, nameof(capacity));
        Bits = bits;
        _bytes = new byte[byteCount];
        _bitsLog2 = BitOperations.Log2((uint)bits);
        _entriesPerByteLog2 = 3 - _bitsLog2;
        _mask = (1 << bits) - 1;
    }

    /// <summary>Starts from an existing list (copied).</summary>
    /// <param name="list">The list.</param>
    public StatusListBuilder(StatusList list)
        : this(ArgumentNullExceptionHelper(list).Bits, list.Count)
    {
        list.Bytes.CopyTo(_bytes);
    }

    /// <summary>The number of bits per entry.</summary>
    public int Bits { get; }

    /// <summary>The number of entries (a whole number of bytes).</summary>
    public long Count => (long)_bytes.Length << _entriesPerByteLog2;

    /// <summary>Reads the status at <paramref name="index"/>.</summary>
    /// <param name="index">The entry.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public StatusValue Get(long index)
    {
        var (byteIndex, shift) = Locate(index);
        return new StatusValue((byte)((_bytes[byteIndex] >> shift) & _mask));
    }

    /// <summary>Sets the status at <paramref name="index"/>.</summary>
    /// <param name="index">The entry.</param>
    /// <param name="value">The status; must fit in <see cref="Bits"/> bits.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list, or <paramref name="value"/> does not fit.</exception>
    public StatusListBuilder Set(long index, StatusValue value)
    {
        if (value.Value > _mask)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Value, $"The status does not fit in {Bits} bits.");
        }

        var (byteIndex, shift) = Locate(index);
        ref var b = ref _bytes[byteIndex];
        b = (byte)((b & ~(_mask << shift)) | (value.Value << shift));
        return this;
    }

    /// <summary>Copies the current statuses into an immutable list.</summary>
    public StatusList ToStatusList() => StatusList.Wrap(Bits, (byte[])_bytes.Clone());

    /// <summary>Encodes the current statuses as <c>lst</c> (ZLIB, base64url).</summary>
    /// <param name="level">The DEFLATE level; default the highest, as the draft recommends.</param>
    public string Encode(CompressionLevel level = CompressionLevel.SmallestSize) => StatusListEncoding.Encode(_bytes, level);

    private (long ByteIndex, int Shift) Locate(long index)
    {
        var byteIndex = index >> _entriesPerByteLog2;
        if (index < 0 || (ulong)byteIndex >= (ulong)_bytes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The index is outside the Status List.");
        }

        return (byteIndex, (int)(index & ((1 << _entriesPerByteLog2) - 1)) << _bitsLog2);
    }

    private static StatusList ArgumentNullExceptionHelper(StatusList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list;
    }
}
