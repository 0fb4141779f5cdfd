using System;

namespace Credentials.AspNetCore.Storage;

/// <summary>How often the hosted cleanup removes expired protocol state (codes, tokens, nonces, offers, transactions).</summary>
public sealed record ProtocolStateCleanupOptions
{
    /// <summary>The default <see cref="Interval"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    /// <summary>The time between two runs; the first run is at start-up. Default <see cref="DefaultInterval"/>.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>The clock that says what has expired and paces the runs. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
