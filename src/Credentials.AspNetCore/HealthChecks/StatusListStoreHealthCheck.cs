using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Status;

namespace Credentials.AspNetCore.HealthChecks;

/// <summary>
/// Reads a configured list's description (it must exist), or without one a random list URI (it must not): a read-only
/// round trip.
/// </summary>
internal sealed class StatusListStoreHealthCheck(IStatusListStore store, string? listUri, TimeProvider timeProvider, TimeSpan degradedThreshold)
    : StoreHealthCheck(timeProvider, degradedThreshold)
{
    protected override string StoreName => "status list store";

    protected override async ValueTask<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (listUri is not null)
        {
            var list = await store.GetListAsync(listUri, cancellationToken).ConfigureAwait(false);
            return list is null ? "The configured status list is not in the status list store." : null;
        }

        var probe = "urn:credentials:health-check:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var absent = await store.GetListAsync(probe, cancellationToken).ConfigureAwait(false);
        return absent is null ? null : "The status list store returned a list that was never created.";
    }
}
