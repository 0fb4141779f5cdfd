using System;
using System.Collections.Generic;
using Credentials.AspNetCore.HealthChecks;
using Credentials.Protocols;
using Credentials.Status;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Health checks for the stores of an issuer or verifier (<c>services.AddHealthChecks().AddProtocolStateStoreCheck()</c>):
/// each makes one cheap read-only round trip to the store registered in DI. Healthy when it answers within the
/// threshold, Degraded when slower, the failure status (Unhealthy by default) when it throws or answers wrongly. A
/// description never carries an exception's message, a key or a connection string.
/// </summary>
public static class CredentialsHealthChecksBuilderExtensions
{
    /// <summary>The default round trip time above which a store is reported Degraded: one second.</summary>
    public static TimeSpan DefaultDegradedThreshold { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Checks the registered <see cref="IProtocolStateStore"/> (pre-authorized codes, tokens, nonces, OpenID4VP
    /// transactions) by reading a random key of a kind nothing writes.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status when the store fails; Unhealthy when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <param name="timeout">The check's timeout; none when <see langword="null"/>.</param>
    /// <param name="serviceKey">The key of a keyed store registration; the unkeyed store when <see langword="null"/>.</param>
    /// <param name="degradedThreshold">The round trip time above which the store is Degraded; <see cref="DefaultDegradedThreshold"/> when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or the threshold is not positive.</exception>
    public static IHealthChecksBuilder AddProtocolStateStoreCheck(
        this IHealthChecksBuilder builder,
        string name = "credentials_protocol_state_store",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null,
        object? serviceKey = null,
        TimeSpan? degradedThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var threshold = Threshold(degradedThreshold);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new ProtocolStateStoreHealthCheck(Resolve<IProtocolStateStore>(sp, serviceKey), sp.GetService<TimeProvider>() ?? TimeProvider.System, threshold),
            failureStatus,
            tags,
            timeout));
    }

    /// <summary>
    /// Checks the registered <see cref="IStatusListStore"/>: reads the description of <paramref name="listUri"/> (which
    /// must exist), or without one a random list URI (which must not).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="listUri">A status list the issuer uses (its absence is a failure), or <see langword="null"/>.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status when the store fails; Unhealthy when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <param name="timeout">The check's timeout; none when <see langword="null"/>.</param>
    /// <param name="serviceKey">The key of a keyed store registration; the unkeyed store when <see langword="null"/>.</param>
    /// <param name="degradedThreshold">The round trip time above which the store is Degraded; <see cref="DefaultDegradedThreshold"/> when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="listUri"/> is empty, or the threshold is not positive.</exception>
    public static IHealthChecksBuilder AddStatusListStoreCheck(
        this IHealthChecksBuilder builder,
        string? listUri = null,
        string name = "credentials_status_list_store",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null,
        object? serviceKey = null,
        TimeSpan? degradedThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (listUri is { Length: 0 })
        {
            throw new ArgumentException("The status list URI must not be empty.", nameof(listUri));
        }

        var threshold = Threshold(degradedThreshold);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new StatusListStoreHealthCheck(Resolve<IStatusListStore>(sp, serviceKey), listUri, sp.GetService<TimeProvider>() ?? TimeProvider.System, threshold),
            failureStatus,
            tags,
            timeout));
    }

    private static TimeSpan Threshold(TimeSpan? threshold)
    {
        var value = threshold ?? DefaultDegradedThreshold;
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException("The degraded threshold must be positive.", nameof(threshold));
        }

        return value;
    }

    private static T Resolve<T>(IServiceProvider services, object? key)
        where T : notnull
        => key is null ? services.GetRequiredService<T>() : services.GetRequiredKeyedService<T>(key);
}
