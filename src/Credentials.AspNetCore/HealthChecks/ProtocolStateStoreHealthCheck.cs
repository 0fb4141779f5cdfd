using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Protocols;

namespace Credentials.AspNetCore.HealthChecks;

/// <summary>Reads a random key of a kind nothing else uses: a read-only round trip that must answer "absent".</summary>
internal sealed class ProtocolStateStoreHealthCheck(IProtocolStateStore store, TimeProvider timeProvider, TimeSpan degradedThreshold)
    : StoreHealthCheck(timeProvider, degradedThreshold)
{
    internal const string Kind = "credentials.health_check";

    private readonly TimeProvider _timeProvider = timeProvider;

    protected override string StoreName => "protocol state store";

    protected override async ValueTask<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var value = await store.TryGetAsync(Kind, key, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return value is null ? null : "The protocol state store returned a value for a key that was never written.";
    }
}
