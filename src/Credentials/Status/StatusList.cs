using System;
using System.IO.Compression;
using System.Numerics;

namespace Credentials.Status;

/// <summary>
/// An immutable, decoded Status List (draft-ietf-oauth-status-list section 4): a byte array holding one status of
/// <see cref="Bits"/> bits per index, packed from the least significant bit of each byte. Thread-safe.
/// </summary>
/// <remarks>
/// Reading an entry (<see cref="Get"/>) is O(1) and allocates nothing. Use <see cref="StatusListBuilder"/> to create or change a list.
/// </remarks>
public sealed class StatusList
{
    /// <summary>The default cap on the decompressed size of a received list: 16 MiB (16,777,216 8-bit or 134,217,728 1-bit entries).</summary>
    public const int DefaultMaxDecompressedBytes = 16 * 1024 * 1024;

    private readonly byte[] _bytes;
    private readonly int _entriesPerByteLog2;
    private readonly int _bitsLog2;
    private readonly int _mask;

    private StatusList(int bits, byte[] bytes)
    {
        Bits = bits;
        _bytes = bytes;
        _bitsLog2 = BitOperations.Log2((uint)bits);
        _entriesPerByteLog2 = 3 - _bitsLog2;
        _mask = (1 << bits) - 1;
    }

    /// <summary>The number of bits per entry: 1, 2, 4 or 8.</summary>
    public int Bits { get; }

    /// <summary>The number of entries: the byte length times <c>8 / Bits</c>.</summary>
    public long Count => (long)_bytes.Length << _entriesPerByteLog2;

    /// <summary>The uncompressed byte array.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Whether <paramref name="bits"/> is an allowed number of bits per entry (1, 2, 4 or 8).</summary>
    /// <param name="bits">The candidate.</param>
    public static bool IsValidBits(int bits) => bits is 1 or 2 or 4 or 8;

    /// <summary>Creates a list from its uncompressed byte array (copied).</summary>
    /// <param name="bits">1, 2, 4 or 8.</param>
    /// <param name="bytes">The packed statuses.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 1, 2, 4 or 8.</exception>
    public static StatusList FromBytes(int bits, ReadOnlySpan<byte> bytes)
    {
        ThrowIfInvalidBits(bits);
        return new StatusList(bits, bytes.ToArray());
    }

    internal static StatusList Wrap(int bits, byte[] bytes) => new(bits, bytes);

    /// <summary>
    /// Decodes a received <c>lst</c> (base64url of ZLIB-compressed bytes). Never throws for bad input. Inflation is
    /// streamed and stops at <paramref name="maxDecompressedBytes"/>.
    /// </summary>
    /// <param name="lst">The <c>lst</c> member of a <c>status_list</c> object.</param>
    /// <param name="bits">The <c>bits</c> member.</param>
    /// <param name="maxDecompressedBytes">The cap on the inflated size.</param>
    /// <returns>The list; <see cref="StatusErrors.TooLarge"/> above the cap; <see cref="StatusErrors.InvalidListToken"/> for bad bits, base64url or ZLIB data.</returns>
    public static VerificationResult<StatusList> Decode(string lst, int bits, int maxDecompressedBytes = DefaultMaxDecompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(lst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDecompressedBytes);
        if (!IsValidBits(bits))
        {
            return new VerificationError(StatusErrors.InvalidListToken, "status_list.bits must be 1, 2, 4 or 8.");
        }

        var bytes = StatusListEncoding.Decode(lst, maxDecompressedBytes);
        return bytes.IsValid ? new StatusList(bits, bytes.Value) : bytes.Error;
    }

    /// <summary>Encodes the list as <c>lst</c>: ZLIB-compressed, base64url without padding.</summary>
    /// <param name="level">The DEFLATE level; the draft recommends the highest (<see cref="CompressionLevel.SmallestSize"/>, the default).</param>
    public string Encode(CompressionLevel level = CompressionLevel.SmallestSize) => StatusListEncoding.Encode(_bytes, level);

    /// <summary>Reads the status at <paramref name="index"/>. O(1), no allocation.</summary>
    /// <param name="index">The entry, from 0 to <see cref="Count"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public StatusValue Get(long index)
    {
        if (!TryGet(index, out var value))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The index is outside the Status List.");
        }

        return value;
    }

    /// <summary>Reads the status at <paramref name="index"/>, or returns <see langword="false"/> when the index is outside the list.</summary>
    /// <param name="index">The entry.</param>
    /// <param name="value">The status.</param>
    public bool TryGet(long index, out StatusValue value)
    {
        var byteIndex = index >> _entriesPerByteLog2;
        if (index < 0 || (ulong)byteIndex >= (ulong)_bytes.Length)
        {
            value = default;
            return false;
        }

        var shift = (int)(index & ((1 << _entriesPerByteLog2) - 1)) << _bitsLog2;
        value = new StatusValue((byte)((_bytes[byteIndex] >> shift) & _mask));
        return true;
    }

    /// <summary>Reads the status at <paramref name="index"/> as a result: <see cref="StatusErrors.IndexOutOfRange"/> when outside the list.</summary>
    /// <param name="index">The entry.</param>
    public VerificationResult<StatusValue> GetStatus(long index)
        => TryGet(index, out var value)
            ? value
            : new VerificationError(StatusErrors.IndexOutOfRange, $"The index is outside the Status List of {Count} entries.");

    /// <inheritdoc />
    public override string ToString() => $"StatusList({Bits} bits, {Count} entries)";

    internal static void ThrowIfInvalidBits(int bits)
    {
        if (!IsValidBits(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The number of bits per status must be 1, 2, 4 or 8.");
        }
    }
}
