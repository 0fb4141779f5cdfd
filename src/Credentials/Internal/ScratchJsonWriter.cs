using System;
using System.Buffers;
using System.Text.Json;

namespace Credentials.Internal;

/// <summary>
/// A JSON writer and buffer reused by one thread for short, synchronous pieces of work (a disclosure, a processed
/// payload), so the hot paths do not allocate a writer each time. Dispose it when done: the buffer is cleared, because it
/// held claim values or salts, and a buffer grown past 16 KiB is dropped rather than kept.
/// </summary>
internal sealed class ScratchJsonWriter : IDisposable
{
    private const int MaxRetained = 16 * 1024;

    [ThreadStatic]
    private static ScratchJsonWriter? t_free;

    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    private ScratchJsonWriter()
    {
        Writer = new Utf8JsonWriter(_buffer, SafeJson.WriterOptions);
    }

    /// <summary>The writer; its output is <see cref="Written"/> after <see cref="Utf8JsonWriter.Flush"/>.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>What has been written and flushed.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>Takes this thread's scratch writer, or a new one when it is already taken (nested use).</summary>
    public static ScratchJsonWriter Rent()
    {
        var scratch = t_free ?? new ScratchJsonWriter();
        t_free = null;
        return scratch;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _buffer.Clear();
        Writer.Reset(_buffer);
        if (_buffer.Capacity <= MaxRetained)
        {
            t_free = this;
        }
    }
}
