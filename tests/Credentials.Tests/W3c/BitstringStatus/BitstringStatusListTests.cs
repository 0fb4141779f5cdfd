using System;
using System.IO;
using System.IO.Compression;
using Credentials.W3c.BitstringStatus;
using Xunit;

namespace Credentials.Tests.W3c.BitstringStatus;

/// <summary>
/// Bitstring Status List v1.0 sections 2.2 and 3.3–3.4: entry <c>i</c> occupies <c>statusSize</c> bits from bit
/// <c>i × statusSize</c>, bit 0 being the left-most bit of byte 0; the list is GZIP then multibase base64url, at least 16 KB.
/// </summary>
public sealed class BitstringStatusListTests
{
    [Fact]
    public void Set_FirstEntry_IsTheLeftMostBitOfTheFirstByte()
    {
        var builder = new BitstringStatusListBuilder().Set(0, 1).Set(9, 1);

        var list = Decode(builder.Encode(), 1);

        Assert.Equal(0x80, RawBytes(builder)[0]);
        Assert.Equal(0x40, RawBytes(builder)[1]);
        Assert.True(list.TryGetStatus(0, out var first));
        Assert.Equal(1, first);
        Assert.True(list.TryGetStatus(1, out var second));
        Assert.Equal(0, second);
    }

    [Fact]
    public void Set_MultiBitEntry_IsReadMostSignificantBitFirst()
    {
        var builder = new BitstringStatusListBuilder(statusSize: 2).Set(1, 3).Set(2, 2);

        Assert.Equal(0b0011_1000, RawBytes(builder)[0]);
        var list = Decode(builder.Encode(), 2);
        Assert.True(list.TryGetStatus(1, out var one));
        Assert.Equal(3, one);
        Assert.True(list.TryGetStatus(2, out var two));
        Assert.Equal(2, two);
    }

    [Fact]
    public void Builder_SmallList_IsPaddedTo16KB()
    {
        var builder = new BitstringStatusListBuilder(statusSize: 1, entries: 10);

        Assert.Equal(BitstringStatusList.MinimumEntries, builder.Length);
        Assert.Equal(BitstringStatusList.MinimumBytes, builder.ToStatusList().ByteLength);
    }

    [Fact]
    public void Encode_ThenDecode_KeepsEveryValue()
    {
        var builder = new BitstringStatusListBuilder(statusSize: 4, entries: 40_000);
        for (long i = 0; i < builder.Length; i += 7)
        {
            builder.Set(i, (int)(i % 16));
        }

        var list = Decode(builder.Encode(), 4);

        Assert.Equal(builder.Length, list.Length);
        for (long i = 0; i < builder.Length; i++)
        {
            Assert.True(list.TryGetStatus(i, out var value));
            Assert.Equal(builder.Get(i), value);
        }
    }

    [Fact]
    public void Encode_StartsWithTheBase64UrlMultibasePrefix()
    {
        var encoded = new BitstringStatusListBuilder().Encode();

        Assert.StartsWith("uH4sI", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain('=', encoded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(BitstringStatusList.MinimumEntries)]
    public void TryGetStatus_OutsideTheList_ReturnsFalse(long index)
    {
        var list = Decode(new BitstringStatusListBuilder().Encode(), 1);

        Assert.False(list.TryGetStatus(index, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")] // no multibase prefix
    [InlineData("zH4sIAAAAAAAAA")] // base58btc prefix
    [InlineData("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA==")] // padded
    [InlineData("uH4sIAAAAAAAAA+3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")] // base64, not base64url
    [InlineData("ueJztwTEBAAAAwqD1T20MH6AAAAAAAAAAAAAAAAAAAACAtwGG0lSrAEAAAA")] // not GZIP
    public void Decode_NotMultibaseBase64UrlGzip_IsMalformed(string encodedList)
    {
        var result = BitstringStatusList.Decode(encodedList);

        Assert.False(result.IsValid);
        Assert.Equal(BitstringStatusErrors.MalformedList, result.Error.Code);
    }

    [Fact]
    public void Decode_TruncatedGzip_IsMalformed()
    {
        var encoded = new BitstringStatusListBuilder().Set(5, 1).Encode();

        var result = BitstringStatusList.Decode(encoded[..^8]);

        Assert.False(result.IsValid);
        Assert.Equal(BitstringStatusErrors.MalformedList, result.Error.Code);
    }

    [Fact]
    public void Decode_BeyondTheLimit_StopsWithListTooLarge()
    {
        // 64 MiB of zeros compress to about 64 KB: the limit, not the compressed size, must stop it.
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        var encoded = "u" + Convert.ToBase64String(output.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var result = BitstringStatusList.Decode(encoded);

        Assert.False(result.IsValid);
        Assert.Equal(BitstringStatusErrors.ListTooLarge, result.Error.Code);
    }

    [Fact]
    public void Builder_ValueThatDoesNotFit_Throws()
    {
        var builder = new BitstringStatusListBuilder(statusSize: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set(builder.Length, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitstringStatusListBuilder(statusSize: 0));
    }

    private static BitstringStatusList Decode(string encoded, int statusSize)
    {
        var result = BitstringStatusList.Decode(encoded, statusSize);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value;
    }

    private static byte[] RawBytes(BitstringStatusListBuilder builder)
    {
        var compressed = Convert.FromBase64String(Pad(builder.Encode()[1..].Replace('-', '+').Replace('_', '/')));
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static string Pad(string base64) => base64 + new string('=', (4 - base64.Length % 4) % 4);
}
