using System;

namespace Credentials.Tests.TestSupport;

/// <summary>A clock that stands still unless moved.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
