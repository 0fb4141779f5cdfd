using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;

namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// Fetches <c>BitstringStatusListCredential</c>s over HTTP through the guarded fetcher (https, public addresses,
/// bounded size and time by default), verifies each with a <see cref="W3cCredentialVerifier"/> (its proof, issuer and
/// validity period), reads the list, and caches it for at most <see cref="BitstringStatusListResolverOptions.MaxCacheAge"/>,
/// its <c>ttl</c> or its <c>validUntil</c>, whichever ends first (section 3.2: verifiers should cache). Thread-safe.
/// </summary>
public sealed class BitstringStatusListResolver : IBitstringStatusListResolver
{
    private static readonly string[] s_accept = ["application/vc+jwt", "application/vc", "application/vc+ld+json", "application/ld+json", "application/json"];
    private readonly W3cCredentialVerifier _listVerifier;
    private readonly HttpFetcher _fetcher;
    private readonly BitstringStatusListResolverOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly BoundedCache<BitstringStatusListCredential> _cache;

    /// <summary>Creates a resolver.</summary>
    /// <param name="listVerifier">
    /// Verifies the list credentials: configure its trusted issuers for the lists (they may differ from the
    /// credentials' issuers, section 2.2), and give it no status resolver of its own.
    /// </param>
    /// <param name="fetcher">The guarded HTTP fetcher.</param>
    /// <param name="options">Limits and caching.</param>
    /// <param name="timeProvider">The clock for the cache; the system clock by default.</param>
    public BitstringStatusListResolver(W3cCredentialVerifier listVerifier, HttpFetcher fetcher, BitstringStatusListResolverOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(listVerifier);
        ArgumentNullException.ThrowIfNull(fetcher);
        options ??= BitstringStatusListResolverOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxListBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxCachedLists, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCacheAge, TimeSpan.Zero, nameof(options));
        _listVerifier = listVerifier;
        _fetcher = fetcher;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _cache = new BoundedCache<BitstringStatusListCredential>(options.MaxCachedLists, _timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<VerificationResult<BitstringStatusListCredential>> ResolveAsync(Uri statusListCredential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statusListCredential);
        var key = statusListCredential.OriginalString;
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        var response = await _fetcher.GetAsync(statusListCredential, s_accept, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsValid)
        {
            return new VerificationError(BitstringStatusErrors.RetrievalFailed, "The status list credential could not be fetched.") { Inner = response.Error };
        }

        if (!response.Value.IsSuccessStatusCode)
        {
            return new VerificationError(BitstringStatusErrors.RetrievalFailed, $"The status list credential's URL answered HTTP {response.Value.StatusCode}.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(response.Value.Body.Span);
        }
        catch (DecoderFallbackException)
        {
            return new VerificationError(BitstringStatusErrors.MalformedList, "The status list credential is not UTF-8 text.");
        }

        var verified = await _listVerifier.VerifyAsync(text, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            return new VerificationError(BitstringStatusErrors.ListVerificationFailed, "The status list credential did not verify.") { Inner = verified.Error };
        }

        // Section 2.2: the list credential MAY carry the URL as its id; when it does, it must be this list.
        if (verified.Value.Credential.Id is { } id && !string.Equals(id, key, StringComparison.Ordinal))
        {
            return new VerificationError(BitstringStatusErrors.MalformedList, "The status list credential's id is not the URL it was fetched from.");
        }

        var list = BitstringStatusListCredential.Read(verified.Value, _options.MaxListBytes);
        if (!list.IsValid)
        {
            return list.Error;
        }

        var lifetime = _options.MaxCacheAge;
        if (list.Value.TimeToLive is { } ttl && ttl < lifetime)
        {
            lifetime = ttl;
        }

        var now = _timeProvider.GetUtcNow();
        if (verified.Value.Credential.ValidUntil is { } until && until - now < lifetime)
        {
            lifetime = until - now;
        }

        if (lifetime > TimeSpan.Zero)
        {
            _cache.Set(key, list.Value, lifetime);
        }

        return list.Value;
    }
}
