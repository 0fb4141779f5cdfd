using System;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Testing;

/// <summary>
/// Builds a <see cref="FakeTimeProvider"/> stopped at a given instant. The clock moves only when a test calls
/// <see cref="FakeTimeProvider.SetUtcNow"/> or <see cref="FakeTimeProvider.Advance"/>.
/// </summary>
public static class TestClock
{
    /// <summary>A clock stopped at <paramref name="now"/>.</summary>
    public static FakeTimeProvider At(DateTimeOffset now) => new(now);

    /// <summary>A clock stopped at <paramref name="seconds"/> after the Unix epoch.</summary>
    public static FakeTimeProvider AtUnixSeconds(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));
}
