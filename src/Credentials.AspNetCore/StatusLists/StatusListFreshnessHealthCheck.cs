using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// Reads each kept-fresh list's stored token and reports it Unhealthy when missing, expired or older than
/// <see cref="StatusListFreshnessCheckOptions.MaxAge"/>, Degraded when near that limit. The description names lists by
/// URI only.
/// </summary>
internal sealed class StatusListFreshnessHealthCheck(StatusListPublisher publisher, StatusListFreshnessCheckOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = publisher.TimeProvider.GetUtcNow();
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        foreach (var uri in publisher.Lists.Order(StringComparer.Ordinal))
        {
            string? token;
            try
            {
                token = await publisher.Store.GetPublishedTokenAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                unhealthy.Add($"{uri}: the store could not be read ({ex.GetType().Name})");
                continue;
            }

            if (token is null || StatusListTokenTimes.TryRead(token) is not { } times)
            {
                unhealthy.Add($"{uri}: no token is published");
                continue;
            }

            DateTimeOffset? limit = times.ExpiresAt;
            if (options.MaxAge is { } maxAge && (limit is null || times.IssuedAt + maxAge < limit))
            {
                limit = times.IssuedAt + maxAge;
            }

            if (limit is not { } end)
            {
                continue;
            }

            if (now >= end)
            {
                unhealthy.Add(times.ExpiresAt is { } exp && now >= exp ? $"{uri}: the token has expired" : $"{uri}: the token is older than the maximum age");
            }
            else if (end - now < (end - times.IssuedAt) * options.DegradedMargin)
            {
                degraded.Add($"{uri}: the token expires soon and has not been re-signed");
            }
        }

        if (unhealthy.Count > 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, string.Join("; ", unhealthy.Concat(degraded)));
        }

        return degraded.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", degraded))
            : HealthCheckResult.Healthy($"{publisher.Lists.Count} status list(s) fresh");
    }
}
