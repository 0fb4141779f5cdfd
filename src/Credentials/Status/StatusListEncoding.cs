using System;
using System.IO;
using System.IO.Compression;
using Credentials.Internal;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace Credentials.Status;

/// <summary>The <c>lst</c> encoding: ZLIB (RFC 1950) DEFLATE (RFC 1951), then unpadded base64url (section 4.1 step 4, section 4.2).</summary>
internal static class StatusListEncoding
{
    public static string Encode(ReadOnlySpan<byte> bytes, CompressionLevel level)
    {
        using var output = new MemoryStream(Math.Max(64, bytes.Length / 64));
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return StrictBase64Url.Encode(output.GetBuffer().AsSpan(0, (int)output.Length));
    }

    /// <summary>
    /// Decodes <c>lst</c>: strict base64url, then streamed inflation that stops as soon as the output would exceed
    /// <paramref name="maxBytes"/>. The compressed size says nothing about the inflated size; nothing declared is trusted.
    /// </summary>
    public static VerificationResult<byte[]> Decode(string lst, int maxBytes)
    {
        var compressed = StrictBase64Url.TryDecode(lst.AsSpan());
        if (compressed is null)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "status_list.lst is not canonical unpadded base64url.");
        }

        if (compressed.Length == 0)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "status_list.lst is empty; it must be a ZLIB stream.");
        }

        // RFC 1950 section 2.2: CM 8 (deflate), CINFO at most 7, no preset dictionary, and FCHECK making CMF·256+FLG a
        // multiple of 31. Checked here so that each case has one answer whatever the inflater tolerates.
        if (compressed.Length < 2 || (compressed[0] & 0x0f) != 8 || (compressed[0] >> 4) > 7 || (compressed[1] & 0x20) != 0
            || ((compressed[0] << 8) | compressed[1]) % 31 != 0)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "status_list.lst does not start with a ZLIB header for DEFLATE without a dictionary.");
        }

        try
        {
            // An inflater that says where the stream ends: the ZLIB stream (deflate data, then its Adler-32, which the
            // inflater checks) must end exactly at the end of the input. A truncated stream, trailing bytes and a second
            // concatenated stream are all refused (section 4.1: lst is one ZLIB stream).
            var inflater = new Inflater(noHeader: false);
            inflater.SetInput(compressed, 0, compressed.Length);
            var buffer = new byte[(int)Math.Min((long)maxBytes + 1, Math.Max(4096L, compressed.Length * 8L))];
            var total = 0;
            while (!inflater.IsFinished)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return new VerificationError(StatusErrors.TooLarge, $"The decompressed Status List exceeds {maxBytes} bytes.");
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)maxBytes + 1, buffer.Length * 2L));
                }

                var read = inflater.Inflate(buffer, total, buffer.Length - total);
                total += read;
                if (read == 0 && !inflater.IsFinished)
                {
                    // No progress: the input ended (or a dictionary is wanted) before the stream did.
                    return new VerificationError(StatusErrors.InvalidListToken, "status_list.lst is a truncated ZLIB stream.");
                }
            }

            if (inflater.RemainingInput != 0)
            {
                return new VerificationError(StatusErrors.InvalidListToken, "status_list.lst has bytes after the end of its ZLIB stream.");
            }

            if (total > maxBytes)
            {
                return new VerificationError(StatusErrors.TooLarge, $"The decompressed Status List exceeds {maxBytes} bytes.");
            }

            if (total != buffer.Length)
            {
                Array.Resize(ref buffer, total);
            }

            return buffer;
        }
        catch (Exception ex) when (ex is SharpZipBaseException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            // A bad block, a bad code, a distance too far back or an Adler-32 that does not match the inflated bytes.
            return new VerificationError(StatusErrors.InvalidListToken, "status_list.lst is not a valid ZLIB/DEFLATE stream.");
        }
    }
}
