using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Hosting;
using Credentials.AspNetCore.Internal;
using Credentials.Protocols;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Storage;

/// <summary>
/// A hosted service that calls <see cref="IProtocolStateStore.RemoveExpiredAsync"/> at start-up and then every
/// <see cref="ProtocolStateCleanupOptions.Interval"/>, so expired rows (and, in memory, entries) do not accumulate. A
/// failed run is logged and retried at the next interval. Without a store (an app that registered none, which start-up
/// validation of the issuer or verifier reports) it does nothing. Without options set by the app, it uses the clock of
/// the first issuer or verifier built (what wrote the state decides what has expired), and starts once that is known;
/// when none is built within one interval, the <see cref="TimeProvider"/> in DI or the system clock.
/// </summary>
internal sealed class ProtocolStateCleanupService(IProtocolStateStore? store, ProtocolStateCleanupOptions? configured, ProtocolStateClock clock, TimeProvider fallbackClock, ILogger<ProtocolStateCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is null)
        {
            HostingLog.NoStoreToPurge(logger);
            return;
        }

        ProtocolStateCleanupOptions options;
        try
        {
            options = configured ?? new ProtocolStateCleanupOptions { TimeProvider = await clock.WhenKnownAsync(fallbackClock, ProtocolStateCleanupOptions.DefaultInterval, stoppingToken).ConfigureAwait(false) };
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Interval, options.TimeProvider);
        do
        {
            try
            {
                var removed = await store.RemoveExpiredAsync(options.TimeProvider.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                EndpointLog.CleanedUp(logger, removed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run (a locked or full database) must not stop the service.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                EndpointLog.CleanupFailed(logger, options.Interval, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
