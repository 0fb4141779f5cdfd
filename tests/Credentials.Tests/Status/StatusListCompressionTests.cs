using System;
using System.IO;
using System.IO.Compression;
using Credentials.Status;
using Xunit;

namespace Credentials.Tests.Status;

/// <summary>
/// draft-ietf-oauth-status-list section 4.1: lst is one ZLIB stream (RFC 1950). It must end exactly at the end of the
/// input, with its Adler-32 checked: truncated, trailing or concatenated data is refused.
/// </summary>
public sealed class StatusListCompressionTests
{
    private static readonly byte[] s_bits = Bits();

    [Fact]
    public void Decode_CompleteStream_Succeeds()
    {
        var result = StatusList.Decode(Lst(Compress(s_bits)), 1);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(s_bits.Length * 8, result.Value.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void Decode_TruncatedStream_FailsWithInvalidListToken(int cut)
    {
        var compressed = Compress(s_bits);

        var result = StatusList.Decode(Lst(compressed[..^cut]), 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
    }

    [Fact]
    public void Decode_StreamCutInTheMiddle_FailsWithInvalidListToken()
    {
        var compressed = Compress(s_bits);

        var result = StatusList.Decode(Lst(compressed[..(compressed.Length / 2)]), 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0x78, 0xda })]
    [InlineData(new byte[] { 1, 2, 3, 4 })]
    public void Decode_TrailingBytes_FailsWithInvalidListToken(byte[] trailing)
    {
        var result = StatusList.Decode(Lst([.. Compress(s_bits), .. trailing]), 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
    }

    [Fact]
    public void Decode_TrailingCopyOfTheAdler32_FailsWithInvalidListToken()
    {
        var compressed = Compress(s_bits);

        var result = StatusList.Decode(Lst([.. compressed, .. compressed[^4..]]), 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
    }

    [Fact]
    public void Decode_TwoConcatenatedStreams_FailsWithInvalidListToken()
    {
        var compressed = Compress(s_bits);

        var result = StatusList.Decode(Lst([.. compressed, .. compressed]), 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
    }

    [Fact]
    public void Decode_WrongAdler32_FailsWithInvalidListToken()
    {
        var compressed = Compress(s_bits);
        compressed[^1] ^= 1;

        var result = StatusList.Decode(Lst(compressed), 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x9c, 0x03, 0x00 })] // deflate data without its Adler-32
    [InlineData(new byte[] { 0x79, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 })] // CM 9
    [InlineData(new byte[] { 0x78, 0x9d, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 })] // FCHECK wrong
    [InlineData(new byte[] { 0x78, 0xbb, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 })] // FDICT
    [InlineData(new byte[] { 0x88, 0x98, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 })] // CINFO 8
    public void Decode_BadHeaderOrMissingTrailer_FailsWithInvalidListToken(byte[] compressed)
    {
        var result = StatusList.Decode(Lst(compressed), 1);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
    }

    [Fact]
    public void Decode_EmptyStoredStream_Succeeds()
    {
        // 78 9c, a final empty fixed block (03 00), Adler-32 of nothing (00 00 00 01).
        var result = StatusList.Decode(Lst([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), 1);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Fastest)]
    [InlineData(CompressionLevel.Optimal)]
    [InlineData(CompressionLevel.SmallestSize)]
    public void Decode_EachCompressionLevel_RoundTrips(CompressionLevel level)
    {
        var result = StatusList.Decode(Lst(Compress(s_bits, level)), 1);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(s_bits.Length * 8, result.Value.Count);
    }

    private static byte[] Bits()
    {
        var bytes = new byte[5000];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(((i * 31) ^ (i >> 3)) & 0xff);
        }

        return bytes;
    }

    private static byte[] Compress(byte[] data, CompressionLevel level = CompressionLevel.SmallestSize)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static string Lst(byte[] compressed) => Credentials.Internal.StrictBase64Url.Encode(compressed);
}
