using System;
using System.IO;
using System.IO.Compression;
using Credentials.Internal;

namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// A decoded Bitstring Status List (W3C Bitstring Status List v1.0): a bitstring in which entry <c>i</c> occupies
/// <see cref="StatusSize"/> bits starting at bit <c>i × statusSize</c>, bit 0 being the left-most (most significant)
/// bit of byte 0 (section 2.2, <c>encodedList</c>). Immutable; make one with <see cref="Decode"/> or
/// <see cref="BitstringStatusListBuilder"/>.
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The smallest uncompressed bitstring, 16 KB (section 2.2: "MUST be at least 16KB in size").</summary>
    public const int MinimumBytes = 16 * 1024;

    /// <summary>The default minimum number of entries a verifier accepts, 131,072 (section 3.2, <c>minimumNumberOfEntries</c>).</summary>
    public const int MinimumEntries = 131_072;

    /// <summary>The largest status size this library reads or writes, 16 bits (a <c>statusMessage</c> of 65,536 entries).</summary>
    public const int MaxStatusSize = 16;

    /// <summary>The default limit on the uncompressed bitstring, 16 MiB (134,217,728 one-bit entries).</summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private readonly byte[] _bits;

    private BitstringStatusList(byte[] bits, int statusSize)
    {
        _bits = bits;
        StatusSize = statusSize;
    }

    /// <summary>The size of each entry in bits.</summary>
    public int StatusSize { get; }

    /// <summary>How many entries the list holds: the bitstring's length in bits divided by <see cref="StatusSize"/>.</summary>
    public long Length => (long)_bits.Length * 8 / StatusSize;

    /// <summary>The uncompressed bitstring's length in bytes.</summary>
    public int ByteLength => _bits.Length;

    /// <summary>Reads the status value of an entry, or returns <see langword="false"/> when the index lies outside the list.</summary>
    /// <param name="index">The entry's <c>statusListIndex</c>.</param>
    /// <param name="status">The entry's value: its <see cref="StatusSize"/> bits read most significant first.</param>
    public bool TryGetStatus(long index, out int status)
    {
        status = 0;
        if (index < 0 || index >= Length)
        {
            return false;
        }

        status = ReadBits(_bits, index * StatusSize, StatusSize);
        return true;
    }

    /// <summary>
    /// Decodes an <c>encodedList</c> (section 3.4, Bitstring Expansion): multibase base64url without padding (prefix
    /// <c>u</c>), then GZIP (RFC 1952). Never throws for bad input.
    /// </summary>
    /// <param name="encodedList">The <c>credentialSubject.encodedList</c> value.</param>
    /// <param name="statusSize">The entry size in bits (the entry's <c>statusSize</c>, 1 when absent).</param>
    /// <param name="maxBytes">The largest uncompressed bitstring to accept; decompression stops as soon as it is exceeded.</param>
    /// <returns>The list; or <see cref="BitstringStatusErrors.MalformedList"/> when the text is not multibase base64url
    /// or not GZIP, or <see cref="BitstringStatusErrors.ListTooLarge"/> when it inflates beyond <paramref name="maxBytes"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusSize"/> is not 1 to <see cref="MaxStatusSize"/>, or <paramref name="maxBytes"/> is not positive.</exception>
    public static VerificationResult<BitstringStatusList> Decode(string encodedList, int statusSize = 1, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(encodedList);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, MaxStatusSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        // Section 2.2: "a Multibase-encoded base64url (with no padding)"; the multibase prefix of base64url is 'u'.
        if (encodedList.Length < 2 || encodedList[0] != 'u')
        {
            return new VerificationError(BitstringStatusErrors.MalformedList, "encodedList must be multibase base64url (starting with 'u').");
        }

        var compressed = StrictBase64Url.TryDecode(encodedList.AsSpan(1));
        if (compressed is null || compressed.Length < 18 || compressed[0] != 0x1f || compressed[1] != 0x8b)
        {
            return new VerificationError(BitstringStatusErrors.MalformedList, "encodedList is not canonical base64url of a GZIP stream (RFC 1952).");
        }

        byte[] bits;
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            var buffer = new byte[Math.Min(maxBytes + 1L, Math.Max(MinimumBytes, compressed.Length * 16L))];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return new VerificationError(BitstringStatusErrors.ListTooLarge, $"The uncompressed status list exceeds {maxBytes} bytes.");
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
                }

                var read = gzip.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > maxBytes)
            {
                return new VerificationError(BitstringStatusErrors.ListTooLarge, $"The uncompressed status list exceeds {maxBytes} bytes.");
            }

            bits = total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
        }
        catch (InvalidDataException)
        {
            return new VerificationError(BitstringStatusErrors.MalformedList, "encodedList is not a valid GZIP stream (RFC 1952).");
        }

        if (bits.Length == 0)
        {
            return new VerificationError(BitstringStatusErrors.MalformedList, "encodedList decodes to an empty bitstring.");
        }

        return new BitstringStatusList(bits, statusSize);
    }

    /// <summary>
    /// Encodes the list as an <c>encodedList</c> value (section 3.3, Bitstring Generation): GZIP, then multibase
    /// base64url without padding.
    /// </summary>
    /// <param name="level">The compression level.</param>
    public string Encode(CompressionLevel level = CompressionLevel.SmallestSize) => Encode(_bits, level);

    internal byte[] Bits => _bits;

    internal static BitstringStatusList Wrap(byte[] bits, int statusSize) => new(bits, statusSize);

    internal static string Encode(ReadOnlySpan<byte> bits, CompressionLevel level)
    {
        using var output = new MemoryStream(Math.Max(64, bits.Length / 64));
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return "u" + StrictBase64Url.Encode(output.GetBuffer().AsSpan(0, (int)output.Length));
    }

    internal static int ReadBits(ReadOnlySpan<byte> bits, long position, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            var bit = position + i;
            value = (value << 1) | ((bits[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
        }

        return value;
    }

    internal static void WriteBits(Span<byte> bits, long position, int count, int value)
    {
        for (var i = 0; i < count; i++)
        {
            var bit = position + i;
            var mask = (byte)(0x80 >> (int)(bit & 7));
            var set = ((value >> (count - 1 - i)) & 1) != 0;
            ref var target = ref bits[(int)(bit >> 3)];
            target = set ? (byte)(target | mask) : (byte)(target & ~mask);
        }
    }
}
