using System;

namespace Credentials.Protocols;

/// <summary>Options of an <see cref="InMemoryProtocolStateStore"/>.</summary>
public sealed record InMemoryProtocolStateStoreOptions
{
    /// <summary>The default <see cref="Capacity"/>: 10,000 entries (about 100 MB when every entry is a verifier transaction with its result).</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>
    /// The most entries held at once. When the store is full, expired entries are removed first; if it is still full,
    /// adding fails with <see cref="InvalidOperationException"/> (a host answers <c>server_error</c>), so memory never
    /// grows without bound. Default <see cref="DefaultCapacity"/>.
    /// </summary>
    public int Capacity { get; init; } = DefaultCapacity;

    /// <summary>The clock that decides which entries have expired when the store is full. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
