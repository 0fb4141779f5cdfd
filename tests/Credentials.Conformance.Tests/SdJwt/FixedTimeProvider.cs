using System;

namespace Credentials.Conformance.Tests.SdJwt;

/// <summary>A clock stopped at one instant, so vectors with fixed <c>iat</c>/<c>exp</c> verify for the right reason.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static FixedTimeProvider AtUnixSeconds(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => now;
}
