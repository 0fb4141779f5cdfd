using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credentials.AspNetCore.HealthChecks;

/// <summary>
/// A store check: one cheap round trip, timed with the app's <see cref="TimeProvider"/>. Healthy when it answers within
/// the threshold, Degraded when slower, the registration's failure status when it throws or answers wrongly. The
/// description never carries the exception's message (it may name a server or a connection string): only its type,
/// in the data.
/// </summary>
internal abstract class StoreHealthCheck(TimeProvider timeProvider, TimeSpan degradedThreshold) : IHealthCheck
{
    protected abstract string StoreName { get; }

    /// <summary>The round trip: <see langword="null"/> when the store answered as expected, else what went wrong (no secret).</summary>
    protected abstract ValueTask<string?> ProbeAsync(CancellationToken cancellationToken);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = timeProvider.GetTimestamp();
        string? problem;
        try
        {
            problem = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of the store is the check's answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The {StoreName} did not answer.",
                data: new Dictionary<string, object> { ["exception_type"] = ex.GetType().FullName ?? ex.GetType().Name });
        }

        var elapsed = timeProvider.GetElapsedTime(start);
        var data = new Dictionary<string, object> { ["duration_ms"] = Math.Round(elapsed.TotalMilliseconds, 1) };
        if (problem is not null)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, problem, data: data);
        }

        return elapsed > degradedThreshold
            ? HealthCheckResult.Degraded($"The {StoreName} answered in {elapsed.TotalMilliseconds:F0} ms (threshold {degradedThreshold.TotalMilliseconds:F0} ms).", data: data)
            : HealthCheckResult.Healthy($"The {StoreName} answered.", data);
    }
}
