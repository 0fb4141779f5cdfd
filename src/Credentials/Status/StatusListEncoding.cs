using System;
using System.IO;
using System.IO.Compression;
using Credentials.Internal;

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
            return StatusErrors.Invalid("status_list.lst is not canonical unpadded base64url.");
        }

        if (compressed.Length == 0)
        {
            return StatusErrors.Invalid("status_list.lst is empty; it must be a ZLIB stream.");
        }

        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            var buffer = new byte[(int)Math.Min((long)maxBytes + 1, Math.Max(4096L, compressed.Length * 8L))];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return StatusErrors.Error(StatusErrors.TooLarge, VerificationFailureKind.Malformed, $"The decompressed Status List exceeds {maxBytes} bytes.");
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)maxBytes + 1, buffer.Length * 2L));
                }

                var read = zlib.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > maxBytes)
            {
                return StatusErrors.Error(StatusErrors.TooLarge, VerificationFailureKind.Malformed, $"The decompressed Status List exceeds {maxBytes} bytes.");
            }

            if (total != buffer.Length)
            {
                Array.Resize(ref buffer, total);
            }

            return buffer;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // InvalidDataException for a bad header or block; ZLibException, an IOException (found by fuzzing), when
            // zlib reports an error code for a corrupt stream mid-way. Both mean the list is not valid.
            return StatusErrors.Invalid("status_list.lst is not a valid ZLIB/DEFLATE stream.");
        }
    }
}
