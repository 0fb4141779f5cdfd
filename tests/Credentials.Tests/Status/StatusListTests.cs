using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Credentials.Status;
using Xunit;

namespace Credentials.Tests.Status;

public sealed class StatusListTests
{
    [Theory]
    [InlineData(1, new byte[] { 0b0000_0010 }, 1, 1)]
    [InlineData(1, new byte[] { 0b1000_0000 }, 7, 1)]
    [InlineData(1, new byte[] { 0x00, 0b0000_0001 }, 8, 1)]
    [InlineData(2, new byte[] { 0b0000_1000 }, 1, 2)]
    [InlineData(2, new byte[] { 0b1100_0000 }, 3, 3)]
    [InlineData(2, new byte[] { 0x00, 0b0000_0001 }, 4, 1)]
    [InlineData(4, new byte[] { 0b1010_0000 }, 1, 10)]
    [InlineData(4, new byte[] { 0x00, 0b0000_0111 }, 2, 7)]
    [InlineData(8, new byte[] { 0x00, 0xAB }, 1, 0xAB)]
    public void Get_SingleValueSet_ReadsLeastSignificantBitsFirst(int bits, byte[] bytes, int index, int expected)
    {
        var list = StatusList.FromBytes(bits, bytes);

        for (var i = 0; i < list.Count; i++)
        {
            Assert.Equal(i == index ? expected : 0, list.Get(i).Value);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Set_EachIndex_PacksFromLeastSignificantBit(int bits)
    {
        var perByte = 8 / bits;
        var builder = new StatusListBuilder(bits, perByte * 2);
        builder.Set(0, new StatusValue(1));
        builder.Set(perByte + (bits == 8 ? 0 : 1), new StatusValue(1));

        var bytes = builder.ToStatusList().Bytes.ToArray();

        Assert.Equal(new byte[] { 0x01, (byte)(bits == 8 ? 0x01 : 1 << bits) }, bytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Encode_RandomStatuses_DecodesToTheSameStatuses(int bits)
    {
        var builder = new StatusListBuilder(bits, 10_000);
        var expected = new byte[builder.Count];
        var seed = new System.Random(bits);
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = (byte)seed.Next(1 << bits);
            builder.Set(i, new StatusValue(expected[i]));
        }

        var decoded = StatusList.Decode(builder.Encode(), bits);

        Assert.True(decoded.IsValid);
        Assert.Equal(expected.Length, decoded.Value.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], decoded.Value.Get(i).Value);
        }
    }

    [Fact]
    public void Encode_Always_WritesZlibHeader()
    {
        var lst = new StatusListBuilder(1, 16).Encode();

        var compressed = Convert.FromBase64String(lst.Replace('-', '+').Replace('_', '/').PadRight((lst.Length + 3) / 4 * 4, '='));

        Assert.Equal(0x78, compressed[0]);
        Assert.Equal(0, ((compressed[0] << 8) | compressed[1]) % 31);
    }

    [Fact]
    public void Decode_InflationBomb_FailsWithTooLargeBeforeInflatingEverything()
    {
        // 64 MiB of zeros compresses to about 64 KiB; the cap is 1 MiB.
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }

        var lst = Convert.ToBase64String(output.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = StatusList.Decode(lst, 1, maxDecompressedBytes: 1024 * 1024);

        Assert.Equal(StatusErrors.TooLarge, result.Error?.Code);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 * 1024 * 1024);
    }

    [Fact]
    public void Decode_ExactlyAtCap_Succeeds()
    {
        var lst = new StatusListBuilder(8, 4096).Encode();

        var result = StatusList.Decode(lst, 8, maxDecompressedBytes: 4096);

        Assert.True(result.IsValid);
        Assert.Equal(4096, result.Value.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(16)]
    public void Decode_InvalidBits_FailsWithInvalidListToken(int bits)
    {
        var result = StatusList.Decode(new StatusListBuilder(1, 8).Encode(), bits);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error?.Code);
    }

    [Theory]
    [InlineData("eNrbuRgAAhcBXQ==")]
    [InlineData("eNrbuRgAAhcBXQ+")]
    [InlineData("AAAA")]
    [InlineData("")]
    public void Decode_NotBase64UrlZlib_FailsWithInvalidListToken(string lst)
    {
        var result = StatusList.Decode(lst, 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error?.Code);
    }

    [Theory]
    [InlineData("ODAfHwHmkIIE")]
    [InlineData("aKAAAAAAAAAAAAAACoYUAAAAoAAA6I8")]
    [InlineData("eCAAAAAAAAAAAAAAAAAAAAAAAAAQ")]
    public void Decode_CorruptStreamThatZlibRejectsMidway_FailsWithInvalidListToken(string lst)
    {
        // Found by fuzzing (tests/Fuzz): zlib returns an error code mid-stream, which .NET raises as ZLibException.
        var result = StatusList.Decode(lst, 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error?.Code);
    }

    [Fact]
    public void GetStatus_IndexPastEnd_FailsWithIndexOutOfRange()
    {
        var list = StatusList.FromBytes(2, [0xFF]);

        Assert.True(list.GetStatus(3).IsValid);
        Assert.Equal(StatusErrors.IndexOutOfRange, list.GetStatus(4).Error?.Code);
        Assert.Equal(StatusErrors.IndexOutOfRange, list.GetStatus(-1).Error?.Code);
        Assert.Equal(StatusErrors.IndexOutOfRange, list.GetStatus(long.MaxValue).Error?.Code);
    }

    [Fact]
    public void Get_IndexPastEnd_Throws()
    {
        var list = StatusList.FromBytes(1, [0xFF]);

        Assert.Throws<ArgumentOutOfRangeException>(() => list.Get(8));
    }

    [Fact]
    public void Get_ManyReads_AllocatesNothing()
    {
        var list = StatusList.FromBytes(2, new byte[1024]);
        _ = list.Get(1);
        long sum = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (long i = 0; i < list.Count; i++)
        {
            sum += list.Get(i).Value;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, sum);
    }

    [Fact]
    public void Set_ValueTooWideForBits_Throws()
    {
        var builder = new StatusListBuilder(1, 8);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set(0, StatusValue.Suspended));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set(8, StatusValue.Invalid));
    }

    [Fact]
    public void Constructor_CapacityNotByteAligned_RoundsUpToWholeBytes()
    {
        var builder = new StatusListBuilder(1, 10);

        Assert.Equal(16, builder.Count);
    }

    [Fact]
    public void Set_OverwritesOnlyItsOwnBits()
    {
        var builder = new StatusListBuilder(2, 4);
        builder.Set(0, new StatusValue(3)).Set(1, new StatusValue(3)).Set(2, new StatusValue(3)).Set(3, new StatusValue(3));

        builder.Set(1, StatusValue.Valid);

        Assert.Equal(new byte[] { 0b1111_0011 }, builder.ToStatusList().Bytes.ToArray());
    }

    [Fact]
    public void Encode_MillionEntries_IsFast()
    {
        var builder = new StatusListBuilder(1, 1_000_000);
        for (var i = 0; i < 1_000_000; i += 97)
        {
            builder.Set(i, StatusValue.Invalid);
        }

        builder.Encode();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var lst = builder.Encode();
        var decoded = StatusList.Decode(lst, 1);
        watch.Stop();

        Assert.True(decoded.IsValid);
        Assert.True(watch.ElapsedMilliseconds < 10_000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData(0, "VALID", true, false, false, false)]
    [InlineData(1, "INVALID", false, true, false, false)]
    [InlineData(2, "SUSPENDED", false, false, true, false)]
    [InlineData(3, "0x03", false, false, false, true)]
    [InlineData(0x0C, "0x0C", false, false, false, true)]
    [InlineData(0x10, "0x10", false, false, false, false)]
    public void StatusValue_RegisteredValues_HaveTheirMeaning(byte value, string name, bool valid, bool invalid, bool suspended, bool applicationSpecific)
    {
        var status = new StatusValue(value);

        Assert.Equal(name, status.ToString());
        Assert.Equal(valid, status.IsValid);
        Assert.Equal(invalid, status.IsInvalid);
        Assert.Equal(suspended, status.IsSuspended);
        Assert.Equal(applicationSpecific, status.IsApplicationSpecific);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "status.revoked")]
    [InlineData(2, "status.suspended")]
    [InlineData(3, "status.unknown_value")]
    [InlineData(0xFF, "status.unknown_value")]
    public void ForStatus_EachValue_MapsToItsErrorCode(byte value, string? code)
    {
        var error = StatusErrors.ForStatus(new StatusValue(value));

        Assert.Equal(code, error?.Code.Value);
    }
}
