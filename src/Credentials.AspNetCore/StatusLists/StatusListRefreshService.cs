using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// The hosted service of <c>AddStatusLists</c>: at start-up and then whenever a list is due (at most every
/// <see cref="StatusListHostingOptions.CheckInterval"/>, or at once when a publication is requested) it re-signs and
/// republishes the lists whose token has less than <see cref="StatusListHostingOptions.RefreshMargin"/> of its lifetime
/// left, so the served token never expires (draft-ietf-oauth-status-list §13.7: verifiers MUST NOT rely on a token after
/// its <c>exp</c>). Waits use the application's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class StatusListRefreshService(StatusListPublisher publisher, ILogger<StatusListRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first round of store reads.
        await Task.Yield();
        StatusListLog.Started(logger, publisher.Lists.Count, publisher.CheckInterval);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = await publisher.RunDueAsync(stoppingToken).ConfigureAwait(false);
                await publisher.WaitAsync(next, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
