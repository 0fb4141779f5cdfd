using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Linq;
using System.Text;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>
/// Small images for the baking tests, made here: a 1×1 grayscale PNG (IHDR, one zlib-compressed IDAT scanline, IEND,
/// CRC-32 from System.IO.Hashing) and a small SVG; chunks can be added, broken or reordered.
/// </summary>
internal static class OpenBadgeBakingImages
{
    public const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUuZWR1In0.c2lnbmF0dXJlLWJ5dGVz";

    public const string DiJson = """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"],"name":"基本情報技術者試験 ]]> 合格","proof":{"type":"DataIntegrityProof"}}
        """;

    public const string Svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
          <title>Badge 🏅 &amp; "quotes" &gt;</title>
          <!-- a comment with <svg> inside -->
          <circle cx="256" cy="256" r="200" fill="#2a6"/>
        </svg>
        """;

    public static byte[] SvgBytes => Encoding.UTF8.GetBytes(Svg);

    public static byte[] Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Ihdr()
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, 1); // width
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), 1); // height
        data[8] = 8; // bit depth
        data[9] = 0; // grayscale
        return Chunk("IHDR", data);
    }

    public static byte[] Idat()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0, 0x80]); // filter type 0, one gray pixel
        }

        return Chunk("IDAT", compressed.ToArray());
    }

    public static byte[] Iend() => Chunk("IEND", []);

    /// <summary>A 1×1 PNG with the given chunks between IDAT and IEND.</summary>
    public static byte[] Png(params byte[][] extraChunks) => Concat([Signature, Ihdr(), Idat(), .. extraChunks, Iend()]);

    public static byte[] Chunk(string type, byte[] data, uint? crc = null)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), crc ?? Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>An iTXt chunk: keyword, null, compression flag and method, empty language and translated keyword, text.</summary>
    public static byte[] ITxt(string keyword, byte[] text, byte compressionFlag = 0, byte compressionMethod = 0)
        => Chunk("iTXt", Concat([Encoding.Latin1.GetBytes(keyword), [0, compressionFlag, compressionMethod, 0, 0], text]));

    public static byte[] CredentialChunk(string text) => ITxt("openbadgecredential", Encoding.UTF8.GetBytes(text));

    public static byte[] Deflate(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    /// <summary>The chunk types of a PNG, in order (the test's own walk, independent of the code under test).</summary>
    public static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        for (var position = 8; position < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            types.Add(Encoding.ASCII.GetString(png, position + 4, 4));
            position += 12 + length;
        }

        return types;
    }

    public static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();
}
