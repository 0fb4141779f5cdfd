using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Credentials.Http;
using Microsoft.Extensions.Caching.Hybrid;

namespace Credentials.AspNetCore.Http;

/// <summary>
/// Claims the resolvers' <see cref="ResolverCacheEntry{T}"/> values for <see cref="HybridCache"/>, which asks for a
/// serializer even for values it keeps as objects in memory. They are never written out: the resolvers disable the
/// distributed tier (a verified key or token must not come back from storage another process can write), and an
/// immutable entry is kept as the object itself. Reading one back from bytes is refused.
/// </summary>
internal sealed class ResolverCacheEntrySerializerFactory : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        if (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(ResolverCacheEntry<>))
        {
            serializer = new NotSerialized<T>();
            return true;
        }

        serializer = null;
        return false;
    }

    private sealed class NotSerialized<T> : IHybridCacheSerializer<T>
    {
        public T Deserialize(ReadOnlySequence<byte> source)
            => throw new NotSupportedException("Resolver cache entries are kept in memory only and never read back from bytes.");

        public void Serialize(T value, IBufferWriter<byte> target)
        {
            // A placeholder: the entry itself is what the memory tier keeps.
            target.Write<byte>([0]);
        }
    }
}
