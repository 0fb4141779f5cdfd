using System;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>When the status list freshness health check reports a list as Degraded or Unhealthy.</summary>
/// <remarks>
/// A list is Unhealthy when no token is published, when its token has expired (<c>exp</c>), or when the token is older
/// than <see cref="MaxAge"/>. It is Degraded when less than <see cref="DegradedMargin"/> of the time between the token's
/// <c>iat</c> and the nearer of those limits remains: with the defaults, half the margin at which the background service
/// re-signs, so a healthy service never shows Degraded.
/// </remarks>
public sealed record StatusListFreshnessCheckOptions
{
    /// <summary>The default <see cref="DegradedMargin"/>: a sixth.</summary>
    public const double DefaultDegradedMargin = 1.0 / 6.0;

    /// <summary>The oldest acceptable <c>iat</c>, for tokens without <c>exp</c> or stricter than it; <see langword="null"/> (the default) for no limit but <c>exp</c>.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Degraded when less than this fraction of the token's validity remains (0 to 1). Default <see cref="DefaultDegradedMargin"/>.</summary>
    public double DegradedMargin { get; init; } = DefaultDegradedMargin;
}
