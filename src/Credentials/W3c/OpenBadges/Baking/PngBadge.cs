using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Text;

namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>
/// Reads and writes the <c>openbadgecredential</c> <c>iTXt</c> chunk of a PNG (Open Badges 3.0 section 5.3, PNG
/// section 11.3.3.4). The datastream is checked chunk by chunk (lengths inside the data, CRC-32 of every chunk,
/// <c>IHDR</c> first, <c>IEND</c> last); image data is copied as it is, never decoded.
/// </summary>
internal static class PngBadge
{
    private const int ChunkOverhead = 12; // length, type, CRC
    private const int IhdrLength = 13;

    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // "openbadgecredential" followed by the keyword's null separator.
    private static ReadOnlySpan<byte> KeywordAndSeparator => "openbadgecredential\0"u8;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool HasSignature(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>Reads the one baked credential.</summary>
    public static VerificationResult<BakedCredential> Read(ReadOnlySpan<byte> png, BadgeBakingOptions options)
    {
        var credentialChunks = new List<Range>(1);
        if (Scan(png, options, credentialChunks, out _) is { } error)
        {
            return error;
        }

        if (credentialChunks.Count == 0)
        {
            return new VerificationError(OpenBadgeBakingErrors.NoCredential, "The PNG has no iTXt chunk with the keyword openbadgecredential.");
        }

        // Section 5.3 (PNG baking): the chunk MUST NOT appear more than once.
        if (credentialChunks.Count > 1)
        {
            return new VerificationError(OpenBadgeBakingErrors.MultipleCredentials, "The PNG has more than one openbadgecredential iTXt chunk.");
        }

        return ReadText(png[credentialChunks[0]], options);
    }

    /// <summary>Bakes: every existing credential chunk is dropped and one new chunk goes just before <c>IEND</c>.</summary>
    public static VerificationResult<byte[]> Bake(ReadOnlySpan<byte> png, string credential, BadgeBakingOptions options)
    {
        var text = s_strictUtf8.GetByteCount(credential);
        if (text > options.MaxCredentialBytes)
        {
            throw new ArgumentException("The credential is longer than BadgeBakingOptions.MaxCredentialBytes.", nameof(credential));
        }

        var credentialChunks = new List<Range>(1);
        if (Scan(png, options, credentialChunks, out var iend) is { } error)
        {
            return error;
        }

        // iTXt data: keyword, null, compression flag 0, compression method 0, empty language tag, null, empty
        // translated keyword, null, text. Section 5.3: compression MUST NOT be used.
        var dataLength = KeywordAndSeparator.Length + 2 + 1 + 1 + text;
        var removed = 0;
        foreach (var chunk in credentialChunks)
        {
            removed += chunk.GetOffsetAndLength(png.Length).Length + ChunkOverhead;
        }

        var output = new byte[png.Length - removed + ChunkOverhead + dataLength];
        var written = 0;
        var from = 0;
        foreach (var chunk in credentialChunks)
        {
            var (dataStart, length) = chunk.GetOffsetAndLength(png.Length);
            var chunkStart = dataStart - 8;
            png[from..chunkStart].CopyTo(output.AsSpan(written));
            written += chunkStart - from;
            from = dataStart + length + 4;
        }

        png[from..iend].CopyTo(output.AsSpan(written));
        written += iend - from;

        var chunkSpan = output.AsSpan(written, ChunkOverhead + dataLength);
        BinaryPrimitives.WriteInt32BigEndian(chunkSpan, dataLength);
        "iTXt"u8.CopyTo(chunkSpan[4..]);
        var data = chunkSpan.Slice(8, dataLength);
        KeywordAndSeparator.CopyTo(data);
        var at = KeywordAndSeparator.Length;
        data[at++] = 0; // compression flag
        data[at++] = 0; // compression method
        data[at++] = 0; // language tag (empty) separator
        data[at++] = 0; // translated keyword (empty) separator
        s_strictUtf8.GetBytes(credential, data[at..]);
        BinaryPrimitives.WriteUInt32BigEndian(chunkSpan[(8 + dataLength)..], Crc32.HashToUInt32(chunkSpan[4..(8 + dataLength)]));
        written += chunkSpan.Length;

        png[iend..].CopyTo(output.AsSpan(written));
        return output;
    }

    /// <summary>
    /// Walks the datastream and checks its structure; collects the data ranges of the iTXt chunks whose keyword is
    /// <c>openbadgecredential</c>, and the offset of <c>IEND</c>.
    /// </summary>
    private static VerificationError? Scan(ReadOnlySpan<byte> png, BadgeBakingOptions options, List<Range> credentialChunks, out int iend)
    {
        iend = -1;
        if (png.Length > options.MaxImageBytes)
        {
            return new VerificationError(OpenBadgeBakingErrors.TooLarge, "The image is longer than the limit.");
        }

        if (!HasSignature(png))
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidPng, "The data does not start with the PNG signature.");
        }

        var position = Signature.Length;
        var first = true;
        while (position < png.Length)
        {
            if (iend >= 0)
            {
                return new VerificationError(OpenBadgeBakingErrors.InvalidPng, "There are bytes after the IEND chunk.");
            }

            if (png.Length - position < ChunkOverhead)
            {
                return new VerificationError(OpenBadgeBakingErrors.InvalidPng, "A chunk is truncated.");
            }

            // PNG section 5.3: the length is a 4-byte unsigned integer at most 2^31 - 1, and the chunk lies inside the data.
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            if (length > (uint)(png.Length - position - ChunkOverhead))
            {
                return new VerificationError(OpenBadgeBakingErrors.InvalidPng, "A chunk's length runs past the end of the data.");
            }

            var dataLength = (int)length;
            var type = png.Slice(position + 4, 4);
            foreach (var b in type)
            {
                if (!char.IsAsciiLetter((char)b))
                {
                    return new VerificationError(OpenBadgeBakingErrors.InvalidPng, "A chunk type is not four ASCII letters.");
                }
            }

            var data = png.Slice(position + 8, dataLength);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(position + 8 + dataLength)..]);
            if (crc != Crc32.HashToUInt32(png.Slice(position + 4, 4 + dataLength)))
            {
                return new VerificationError(OpenBadgeBakingErrors.CrcMismatch, "A chunk's CRC does not match its type and data.");
            }

            var isIhdr = type.SequenceEqual("IHDR"u8);
            if (first != isIhdr || (isIhdr && dataLength != IhdrLength))
            {
                return new VerificationError(OpenBadgeBakingErrors.InvalidPng, "IHDR is not the first chunk, appears twice, or has the wrong length.");
            }

            if (type.SequenceEqual("IEND"u8))
            {
                if (dataLength != 0)
                {
                    return new VerificationError(OpenBadgeBakingErrors.InvalidPng, "The IEND chunk has data.");
                }

                iend = position;
            }
            else if (type.SequenceEqual("iTXt"u8) && data.StartsWith(KeywordAndSeparator))
            {
                credentialChunks.Add(new Range(position + 8, position + 8 + dataLength));
            }

            first = false;
            position += ChunkOverhead + dataLength;
        }

        return iend < 0 ? new VerificationError(OpenBadgeBakingErrors.InvalidPng, "The PNG ends without an IEND chunk.") : null;
    }

    // PNG section 11.3.3.4 (iTXt): keyword, null, compression flag, compression method, language tag, null,
    // translated keyword, null, text.
    private static VerificationResult<BakedCredential> ReadText(ReadOnlySpan<byte> data, BadgeBakingOptions options)
    {
        var rest = data[KeywordAndSeparator.Length..];
        if (rest.Length < 2)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The iTXt chunk ends before its compression fields.");
        }

        var compressionFlag = rest[0];
        var compressionMethod = rest[1];
        if (compressionFlag == 1)
        {
            // Section 5.3: compression MUST NOT be used. Nothing is inflated.
            return new VerificationError(OpenBadgeBakingErrors.CompressedCredential, "The openbadgecredential iTXt chunk is compressed.");
        }

        if (compressionFlag != 0 || compressionMethod != 0)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The iTXt chunk has an unknown compression flag or method.");
        }

        rest = rest[2..];
        for (var separator = 0; separator < 2; separator++)
        {
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The iTXt chunk lacks the separator after its language tag or translated keyword.");
            }

            rest = rest[(end + 1)..];
        }

        if (rest.Length > options.MaxCredentialBytes)
        {
            return new VerificationError(OpenBadgeBakingErrors.CredentialTooLarge, "The baked credential is longer than the limit.");
        }

        string text;
        try
        {
            text = s_strictUtf8.GetString(rest);
        }
        catch (DecoderFallbackException)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The baked credential is not UTF-8.");
        }

        if (text.AsSpan().Trim().IsEmpty)
        {
            return new VerificationError(OpenBadgeBakingErrors.InvalidCredential, "The baked credential is empty.");
        }

        return new BakedCredential(text, BadgeImageFormat.Png);
    }
}
