using System;
using System.Buffers;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// A growable byte buffer reused by one thread for the canonical forms that are hashed, so verifying does not
/// allocate one per proof. Dispose it when done: the bytes (document content) are cleared, and a buffer grown past
/// 64 KiB is dropped rather than kept.
/// </summary>
internal sealed class ScratchBuffer : IBufferWriter<byte>, IDisposable
{
    private const int MaxRetained = 64 * 1024;

    [ThreadStatic]
    private static ScratchBuffer? t_free;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    private ScratchBuffer()
    {
    }

    /// <summary>What has been written.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Takes this thread's buffer, or a new one when it is already taken.</summary>
    public static ScratchBuffer Rent()
    {
        var scratch = t_free ?? new ScratchBuffer();
        t_free = null;
        return scratch;
    }

    /// <summary>Empties the buffer (clearing what it held) for the next piece of output.</summary>
    public void Reset() => _buffer.Clear();

    /// <inheritdoc />
    public void Advance(int count) => _buffer.Advance(count);

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);

    /// <inheritdoc />
    public void Dispose()
    {
        _buffer.Clear();
        if (_buffer.Capacity <= MaxRetained)
        {
            t_free = this;
        }
    }
}
