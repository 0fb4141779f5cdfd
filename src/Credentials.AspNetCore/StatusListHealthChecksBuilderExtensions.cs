using System;
using System.Collections.Generic;
using Credentials.AspNetCore.StatusLists;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the health check of the status lists kept fresh by <c>services.AddStatusLists(...)</c>.</summary>
public static class StatusListHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that reads the published token of every list kept fresh and reports Unhealthy (or
    /// <paramref name="failureStatus"/>) when one is missing, expired, or older than
    /// <see cref="StatusListFreshnessCheckOptions.MaxAge"/>, and Degraded when one is near that limit. Needs
    /// <c>services.AddStatusLists(...)</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default <c>status_lists</c>.</param>
    /// <param name="options">The thresholds; the defaults when <see langword="null"/>.</param>
    /// <param name="failureStatus">The status reported for a failing list; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><see cref="StatusListFreshnessCheckOptions.DegradedMargin"/> is not between 0 and 1, or <see cref="StatusListFreshnessCheckOptions.MaxAge"/> is not positive.</exception>
    public static IHealthChecksBuilder AddStatusListFreshnessCheck(this IHealthChecksBuilder builder, string name = "status_lists", StatusListFreshnessCheckOptions? options = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new StatusListFreshnessCheckOptions();
        if (!double.IsFinite(options.DegradedMargin) || options.DegradedMargin < 0 || options.DegradedMargin > 1 || options.MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException("DegradedMargin must be between 0 and 1 and MaxAge positive.", nameof(options));
        }

        return builder.Add(new HealthCheckRegistration(
            name,
            services => new StatusListFreshnessHealthCheck(
                services.GetService<StatusListPublisher>() ?? throw new InvalidOperationException("The status list freshness check needs services.AddStatusLists(...)."),
                options),
            failureStatus,
            tags));
    }
}
