using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using Credentials.W3c.OpenBadges.Baking;
using Xunit;
using static Credentials.Tests.W3c.OpenBadges.OpenBadgeBakingImages;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>
/// Open Badges 3.0 section 5.3, PNG: the credential is the uncompressed text of one iTXt chunk with keyword
/// <c>openbadgecredential</c>; reading is strict (signature, chunk bounds, CRC-32, IHDR first, IEND last, limits).
/// </summary>
public sealed class OpenBadgeBakingPngTests
{
    private static readonly BadgeBaker Baker = new();
    private static readonly BakedBadgeReader Reader = new();

    [Theory]
    [InlineData(Jwt)]
    [InlineData(DiJson)]
    public void Bake_ThenRead_TextIsExactlyTheCredential(string credential)
    {
        var baked = Baker.BakePng(Png(), credential).Value;

        var read = Reader.ReadPng(baked);

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal(credential, read.Value.Text);
        Assert.Equal(BadgeImageFormat.Png, read.Value.ImageFormat);
        Assert.Equal(credential == Jwt, read.Value.IsCompactJws);
        Assert.Equal(read.Value.Text, Reader.Read(baked).Value.Text);
    }

    [Fact]
    public void Bake_ChunkIsUncompressedITxtJustBeforeIend_AndTheRestIsUnchanged()
    {
        var image = Png(Chunk("tEXt", Encoding.Latin1.GetBytes("Comment\0made for the test")));

        var baked = Baker.BakePng(image, DiJson).Value;

        Assert.Equal(["IHDR", "IDAT", "tEXt", "iTXt", "IEND"], ChunkTypes(baked));
        var expectedChunk = CredentialChunk(DiJson);
        Assert.Equal(image[..^12], baked[..(image.Length - 12)]);
        Assert.Equal(expectedChunk, baked[(image.Length - 12)..^12]);
        Assert.Equal(Iend(), baked[^12..]);
    }

    [Fact]
    public void Bake_AlreadyBaked_ReplacesTheCredential_OneChunkRemains()
    {
        var first = Baker.BakePng(Png(), Jwt).Value;

        var second = Baker.BakePng(first, DiJson).Value;

        Assert.Single(ChunkTypes(second), "iTXt");
        Assert.Equal(DiJson, Reader.ReadPng(second).Value.Text);
        Assert.Equal(Baker.BakePng(Png(), DiJson).Value, second);
    }

    [Fact]
    public void Bake_TwoOrCompressedCredentialChunksBefore_AllReplacedByOne()
    {
        var image = Png(CredentialChunk("a.b.c"), ITxt("openbadgecredential", Deflate(new byte[1000]), compressionFlag: 1), CredentialChunk("{}"));

        var baked = Baker.BakePng(image, Jwt).Value;

        Assert.Equal(["IHDR", "IDAT", "iTXt", "IEND"], ChunkTypes(baked));
        Assert.Equal(Jwt, Reader.ReadPng(baked).Value.Text);
    }

    [Fact]
    public void Bake_OtherITxtChunksKept()
    {
        var other = ITxt("openbadges", Encoding.UTF8.GetBytes("{\"v\":2}"));

        var baked = Baker.BakePng(Png(other), Jwt).Value;

        Assert.Equal(["IHDR", "IDAT", "iTXt", "iTXt", "IEND"], ChunkTypes(baked));
        Assert.Equal(Jwt, Reader.ReadPng(baked).Value.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a credential")]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData("[1]")]
    public void Bake_NeitherJwsNorJsonObject_ProgrammerError(string credential)
        => Assert.Throws<ArgumentException>(() => Baker.BakePng(Png(), credential));

    [Fact]
    public void Bake_CredentialOverTheLimit_ProgrammerError()
        => Assert.Throws<ArgumentException>(() => new BadgeBaker(new BadgeBakingOptions { MaxCredentialBytes = 10 }).BakePng(Png(), Jwt));

    [Fact]
    public void Bake_BrokenImage_FailsWithTheReadersCode()
    {
        var broken = Png();
        broken[20] ^= 1;

        var result = Baker.BakePng(broken, Jwt);

        Assert.False(result.IsValid);
        Assert.Equal(OpenBadgeBakingErrors.CrcMismatch, result.Error.Code);
    }

    [Fact]
    public void Read_NoCredential_NoCredential()
        => AssertCode(OpenBadgeBakingErrors.NoCredential, Png(ITxt("Comment", Encoding.UTF8.GetBytes("hello"))));

    [Fact]
    public void Read_TwoCredentialChunks_MultipleCredentials()
        => AssertCode(OpenBadgeBakingErrors.MultipleCredentials, Png(CredentialChunk(Jwt), CredentialChunk(Jwt)));

    [Fact]
    public void Read_CompressedCredentialBomb_RefusedWithoutInflating()
    {
        // 64 MiB of zeros deflate to about 64 KiB; nothing is inflated, whatever the ratio.
        var bomb = ITxt("openbadgecredential", Deflate(new byte[64 * 1024 * 1024]), compressionFlag: 1);

        AssertCode(OpenBadgeBakingErrors.CompressedCredential, Png(bomb));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, 1)]
    public void Read_UnknownCompressionFlagOrMethod_InvalidCredential(byte flag, byte method)
        => AssertCode(OpenBadgeBakingErrors.InvalidCredential, Png(ITxt("openbadgecredential", Encoding.UTF8.GetBytes(Jwt), flag, method)));

    [Fact]
    public void Read_ChunkWithoutSeparators_InvalidCredential()
        => AssertCode(OpenBadgeBakingErrors.InvalidCredential, Png(Chunk("iTXt", Encoding.ASCII.GetBytes("openbadgecredential\0\0\0en-no-separator"))));

    [Fact]
    public void Read_TextNotUtf8_InvalidCredential()
        => AssertCode(OpenBadgeBakingErrors.InvalidCredential, Png(ITxt("openbadgecredential", [0x7B, 0xC3, 0x28, 0x7D])));

    [Fact]
    public void Read_EmptyText_InvalidCredential()
        => AssertCode(OpenBadgeBakingErrors.InvalidCredential, Png(ITxt("openbadgecredential", " "u8.ToArray())));

    [Fact]
    public void Read_CredentialOverTheLimit_CredentialTooLarge()
    {
        var result = new BakedBadgeReader(new BadgeBakingOptions { MaxCredentialBytes = 16 }).ReadPng(Png(CredentialChunk(Jwt)));

        Assert.Equal(OpenBadgeBakingErrors.CredentialTooLarge, result.Error?.Code);
    }

    [Fact]
    public void Read_ImageOverTheLimit_TooLarge()
    {
        var result = new BakedBadgeReader(new BadgeBakingOptions { MaxImageBytes = 64 }).ReadPng(Png(CredentialChunk(Jwt)));

        Assert.Equal(OpenBadgeBakingErrors.TooLarge, result.Error?.Code);
    }

    [Fact]
    public void Read_BadCrc_CrcMismatch()
    {
        var chunk = CredentialChunk(Jwt);
        chunk[^1] ^= 0xFF;

        AssertCode(OpenBadgeBakingErrors.CrcMismatch, Png(chunk));
    }

    [Fact]
    public void Read_TextChangedAfterBaking_CrcMismatch()
    {
        var baked = Baker.BakePng(Png(), Jwt).Value;
        var at = baked.AsSpan().IndexOf("eyJ"u8);
        baked[at] = (byte)'f';

        AssertCode(OpenBadgeBakingErrors.CrcMismatch, baked);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(30)]
    public void Read_Truncated_InvalidPng(int cut)
    {
        var baked = Baker.BakePng(Png(), Jwt).Value;

        AssertCode(OpenBadgeBakingErrors.InvalidPng, baked[..^cut]);
    }

    [Theory]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x80000000u)]
    public void Read_GiantChunkLength_InvalidPng(uint length)
    {
        var chunk = CredentialChunk(Jwt);
        BinaryPrimitives.WriteUInt32BigEndian(chunk, length);

        AssertCode(OpenBadgeBakingErrors.InvalidPng, Png(chunk));
    }

    [Fact]
    public void Read_NoSignature_InvalidPng()
    {
        var png = Png(CredentialChunk(Jwt));
        png[1] = (byte)'Q';

        AssertCode(OpenBadgeBakingErrors.InvalidPng, png, viaReadPng: true);
    }

    [Fact]
    public void Read_IhdrNotFirst_InvalidPng()
        => AssertCode(OpenBadgeBakingErrors.InvalidPng, Concat([Signature, CredentialChunk(Jwt), Ihdr(), Idat(), Iend()]));

    [Fact]
    public void Read_SecondIhdr_InvalidPng()
        => AssertCode(OpenBadgeBakingErrors.InvalidPng, Png(Ihdr(), CredentialChunk(Jwt)));

    [Fact]
    public void Read_NoIend_InvalidPng()
        => AssertCode(OpenBadgeBakingErrors.InvalidPng, Concat([Signature, Ihdr(), Idat(), CredentialChunk(Jwt)]));

    [Fact]
    public void Read_BytesAfterIend_InvalidPng()
        => AssertCode(OpenBadgeBakingErrors.InvalidPng, Concat([Png(CredentialChunk(Jwt)), CredentialChunk(Jwt)]));

    [Fact]
    public void Read_ChunkTypeNotLetters_InvalidPng()
        => AssertCode(OpenBadgeBakingErrors.InvalidPng, Png(Chunk("iT1t", [1, 2, 3])));

    [Fact]
    public void Read_IendWithData_InvalidPng()
        => AssertCode(OpenBadgeBakingErrors.InvalidPng, Concat([Signature, Ihdr(), CredentialChunk(Jwt), Chunk("IEND", [0])]));

    [Fact]
    public void Read_NeitherPngNorSvg_UnrecognizedFormat()
        => Assert.Equal(OpenBadgeBakingErrors.UnrecognizedFormat, Reader.Read("GIF89a"u8).Error?.Code);

    [Fact]
    public void Read_EveryPrefixOfABakedPng_FailsWithoutThrowing()
    {
        var baked = Baker.BakePng(Png(), DiJson).Value;
        for (var length = 0; length < baked.Length; length++)
        {
            Assert.False(Reader.Read(baked.AsSpan(0, length)).IsValid);
        }
    }

    [Fact]
    public void Options_NotPositive_ProgrammerError()
        => Assert.Throws<ArgumentException>(() => new BakedBadgeReader(new BadgeBakingOptions { MaxSvgDepth = 0 }));

    private static void AssertCode(ErrorCode expected, byte[] png, bool viaReadPng = false)
    {
        var result = viaReadPng ? Reader.ReadPng(png) : Reader.Read(png);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error.Code);
    }
}
