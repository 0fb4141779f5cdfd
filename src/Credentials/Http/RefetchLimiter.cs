using System;

namespace Credentials.Http;

/// <summary>
/// Allows at most one forced refetch per source (an issuer, a DID) per interval, so tokens naming unknown key ids
/// cannot make the verifier fetch once per token. Remembers at most <c>maxSources</c> sources (least recently used
/// forgotten first). Thread-safe.
/// </summary>
internal sealed class RefetchLimiter
{
    private readonly object _lock = new();
    private readonly BoundedCache<object> _recent;
    private readonly TimeSpan _interval;

    public RefetchLimiter(TimeSpan interval, int maxSources, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _interval = interval;
        _recent = new BoundedCache<object>(Math.Max(1, maxSources), timeProvider);
    }

    /// <summary>Whether a refetch of <paramref name="source"/> may happen now (and if so, counts it).</summary>
    public bool TryAcquire(string source)
    {
        lock (_lock)
        {
            if (_recent.TryGet(source, out _))
            {
                return false;
            }

            _recent.Set(source, source, _interval);
            return true;
        }
    }
}
