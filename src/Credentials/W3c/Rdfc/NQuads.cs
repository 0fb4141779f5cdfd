using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace Credentials.W3c.Rdfc;

/// <summary>
/// N-Quads 1.1: the serializer writes the canonical n-quads form of RDFC-1.0 appendix A; the reader is a strict parser
/// of N-Quads documents (see <c>NQuads.Reader.cs</c>).
/// </summary>
internal static partial class NQuads
{
    /// <summary>Serializes quads in canonical n-quads form, one line each, in the given order.</summary>
    /// <param name="quads">The quads.</param>
    /// <returns>The N-Quads document; every line ends in <c>\n</c>.</returns>
    public static string Serialize(IEnumerable<RdfQuad> quads)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var buffer = new RdfcByteBuffer(1024);
        foreach (var quad in quads)
        {
            buffer.WriteQuad(quad);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Appends one quad in canonical n-quads form, with its final <c>\n</c>.</summary>
    /// <param name="quad">The quad.</param>
    /// <param name="builder">The destination.</param>
    public static void SerializeQuad(RdfQuad quad, StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var buffer = new RdfcByteBuffer(256);
        buffer.WriteQuad(quad);
        builder.Append(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes one quad in canonical n-quads form as UTF-8, with its final <c>\n</c>.</summary>
    /// <param name="quad">The quad.</param>
    /// <param name="writer">The destination.</param>
    public static void SerializeQuad(RdfQuad quad, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new RdfcByteBuffer(256);
        buffer.WriteQuad(quad);
        writer.Write(buffer.WrittenSpan);
    }
}
