using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// The clock the protocol state was written with, so that the purge never removes what the issuer or verifier still
/// considers live: the first issuer or verifier built (or whose settings are read) publishes its clock, which a purge
/// without an explicitly configured clock waits for.
/// </summary>
internal sealed class ProtocolStateClock
{
    private readonly TaskCompletionSource<TimeProvider> _clock = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Publishes <paramref name="clock"/> unless another clock was published first.</summary>
    public void Publish(TimeProvider clock) => _clock.TrySetResult(clock);

    /// <summary>
    /// The published clock, or <paramref name="fallback"/> when none is published within <paramref name="wait"/>
    /// (an app that writes protocol state with its own code).
    /// </summary>
    public async Task<TimeProvider> WhenKnownAsync(TimeProvider fallback, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            return await _clock.Task.WaitAsync(wait, fallback, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return fallback;
        }
    }
}
