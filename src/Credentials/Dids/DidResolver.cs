using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Keys;
using Credentials.Dids.Methods;

namespace Credentials.Dids;

/// <summary>
/// Resolves DIDs of several methods (picking the method resolver by name), caches documents for a bounded time and
/// number, dereferences DID URLs to verification methods checking their relationship, and finds the one key that may
/// verify a credential. Never throws for bad input. Thread-safe; meant to be a singleton.
/// </summary>
/// <remarks>
/// <para>
/// Caching: documents are kept in <see cref="DidResolverOptions.Cache"/> (by default in process, bounded) for
/// <see cref="DidResolverOptions.CacheDuration"/>, one resolution per DID however many verifications wait for it.
/// A cache duration of zero turns caching off: every call resolves (concurrent calls for one DID share the
/// resolution), <see cref="DidResolverOptions.Cache"/> is not used and no last-known-good copy is ever served.
/// </para>
/// <para>
/// Key rotation: a DID URL naming a verification method the kept document does not have (<c>did.key_not_found</c>)
/// makes the resolver resolve the DID again, at most once per <see cref="DidResolverOptions.KeyRefetchInterval"/>
/// (default 30 seconds) per DID, counting the resolution that made the kept document.
/// </para>
/// <para>
/// Last-known-good: when the resolution after the cache duration fails because the source is unavailable (did:web: a
/// network failure, a timeout, HTTP 5xx, 408 or 429), the last document is used for at most
/// <see cref="DidResolverOptions.LastKnownGoodPeriod"/> (default one hour) more. A 404, an invalid document or one
/// whose <c>id</c> is another DID fails at once. <see cref="ResolveEntryAsync"/> tells whether a document is such a stale copy.
/// </para>
/// </remarks>
public sealed class DidResolver : IDidResolver
{
    private readonly Dictionary<string, IDidMethodResolver> _methods = new(StringComparer.Ordinal);
    private readonly DidResolverOptions _options;
    private readonly IResolverCache _cache;
    private readonly RefetchLimiter _refetches;
    private readonly string _partition = ResolverCaching.NewPartition("did");

    /// <summary>Creates a resolver over the given method resolvers.</summary>
    /// <param name="methods">One resolver per method (a later one for the same method replaces an earlier one).</param>
    /// <param name="options">Cache and clock options; <see cref="DidResolverOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The cache duration or size is negative.</exception>
    public DidResolver(IEnumerable<IDidMethodResolver> methods, DidResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(methods);
        options ??= DidResolverOptions.Default;
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CacheDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxCacheEntries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LastKnownGoodPeriod, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeyRefetchInterval, TimeSpan.Zero, nameof(options));
        foreach (var method in methods)
        {
            ArgumentNullException.ThrowIfNull(method, nameof(methods));
            _methods[method.Method] = method;
        }

        _options = options;
        _cache = ResolverCaching.CreateOrUse(options.Cache, options.CacheDuration, options.MaxCacheEntries, options.TimeProvider);
        _refetches = new RefetchLimiter(options.KeyRefetchInterval, options.MaxCacheEntries, options.TimeProvider);
    }

    /// <summary>
    /// Creates a resolver for did:key and did:jwk, and for did:web when an <see cref="HttpClient"/> is given.
    /// </summary>
    /// <param name="httpClient">The client for did:web (best from <see cref="GuardedHttpHandler.CreateClient"/>), or <see langword="null"/> to leave did:web out.</param>
    /// <param name="webOptions">The did:web guards.</param>
    /// <param name="options">Cache and clock options.</param>
    public static DidResolver CreateDefault(HttpClient? httpClient = null, DidWebResolverOptions? webOptions = null, DidResolverOptions? options = null)
    {
        var methods = new List<IDidMethodResolver> { DidKeyResolver.Instance, DidJwkResolver.Instance };
        if (httpClient is not null)
        {
            methods.Add(new DidWebResolver(httpClient, webOptions));
        }

        return new DidResolver(methods, options);
    }

    /// <summary>The method names this resolver handles.</summary>
    public IReadOnlyCollection<string> Methods => _methods.Keys;

    /// <inheritdoc />
    public async ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
    {
        var entry = await ResolveEntryAsync(did, cancellationToken).ConfigureAwait(false);
        return entry.IsValid ? entry.Value.Value : entry.Error;
    }

    /// <summary>
    /// Resolves a DID like <see cref="ResolveAsync(Did, CancellationToken)"/>, with when the document was resolved and
    /// until when it is fresh: a document past <see cref="ResolverCacheEntry{T}.FreshUntil"/>
    /// (<see cref="ResolverCacheEntry{T}.IsStaleAt"/>) is a last-known-good copy served while its source is
    /// unavailable, which a verifier may refuse.
    /// </summary>
    /// <param name="did">The DID.</param>
    /// <param name="cancellationToken">Cancels network resolution.</param>
    public ValueTask<VerificationResult<ResolverCacheEntry<DidDocument>>> ResolveEntryAsync(Did did, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (!_methods.TryGetValue(did.Method, out var method))
        {
            return ValueTask.FromResult(VerificationResult<ResolverCacheEntry<DidDocument>>.Failure(
                new VerificationError(DidErrors.MethodNotSupported, $"The DID method '{did.Method}' is not supported.")));
        }

        return ResolverCaching.GetAsync(_cache, _partition + did.Value, ct => FetchAsync(method, did, ct), _options.TimeProvider, _options.CacheDuration > TimeSpan.Zero, cancellationToken);
    }

    private async Task<ResolverCacheEntry<DidDocument>> FetchAsync(IDidMethodResolver method, Did did, CancellationToken cancellationToken)
    {
        var result = await method.ResolveAsync(did, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw ResolverCaching.Failure(result.Error);
        }

        return ResolverCaching.Entry(result.Value, _options.TimeProvider.GetUtcNow(), _options.CacheDuration, _options.LastKnownGoodPeriod);
    }

    /// <summary>Resolves a DID given as text.</summary>
    /// <param name="did">The DID text.</param>
    /// <param name="cancellationToken">Cancels network resolution.</param>
    public ValueTask<VerificationResult<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);
        return Did.TryParse(did, out var parsed)
            ? ResolveAsync(parsed, cancellationToken)
            : ValueTask.FromResult(VerificationResult<DidDocument>.Failure(new VerificationError(DidErrors.InvalidDid, "The text is not a DID.")));
    }

    /// <summary>
    /// Dereferences a DID URL (for example <c>did:web:example.com#key-1</c>) to its verification method and public
    /// key, and checks the method is authorized for <paramref name="relationship"/>.
    /// </summary>
    /// <param name="didUrl">The DID URL.</param>
    /// <param name="relationship">The relationship the key is needed for.</param>
    /// <param name="cancellationToken">Cancels network resolution.</param>
    public async ValueTask<VerificationResult<ResolvedVerificationMethod>> DereferenceAsync(DidUrl didUrl, VerificationRelationship relationship, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(didUrl);
        var entry = await ResolveEntryAsync(didUrl.Did, cancellationToken).ConfigureAwait(false);
        if (!entry.IsValid)
        {
            return entry.Error;
        }

        var document = entry.Value.Value;
        var method = document.Dereference(didUrl, relationship);

        // Key rotation: a method the kept document lacks may have been added since. Resolve once more, at most once
        // per interval per DID (the resolution that made the kept document counts), so made-up kids cannot force a
        // resolution per token.
        if (!method.IsValid && method.Error.Code == DidErrors.KeyNotFound
            && _options.TimeProvider.GetUtcNow() - entry.Value.FetchedAt >= _options.KeyRefetchInterval
            && _methods.TryGetValue(didUrl.Did.Method, out var resolver)
            && _refetches.TryAcquire(didUrl.Did.Value))
        {
            var did = didUrl.Did;
            var refreshed = await ResolverCaching.RefreshAsync(_cache, _partition + did.Value, ct => FetchAsync(resolver, did, ct), cancellationToken).ConfigureAwait(false);
            if (refreshed.IsValid)
            {
                document = refreshed.Value.Value;
                method = document.Dereference(didUrl, relationship);
            }
        }

        if (!method.IsValid)
        {
            return method.Error;
        }

        var key = method.Value.GetPublicKey();
        if (!key.IsValid)
        {
            return key.Error;
        }

        return new ResolvedVerificationMethod { Id = didUrl, Method = method.Value, PublicKey = key.Value, Document = document };
    }

    /// <summary>
    /// Finds the one verification method that may verify a credential: the one the JWS <c>kid</c> names (absolute, or
    /// relative to the issuer DID), or, without a <c>kid</c>, the issuer's only <c>assertionMethod</c> key. The key must
    /// be under <c>assertionMethod</c> (DID Core 5.3.2) and able to sign. A <c>kid</c> that is just the issuer DID counts as no
    /// <c>kid</c>.
    /// </summary>
    /// <param name="issuer">The issuer DID (the unverified <c>iss</c>), or <see langword="null"/> when only <paramref name="kid"/> is known.</param>
    /// <param name="kid">The JWS header <c>kid</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels network resolution.</param>
    public async ValueTask<VerificationResult<ResolvedVerificationMethod>> ResolveAssertionMethodAsync(string? issuer, string? kid, CancellationToken cancellationToken = default)
    {
        Did? issuerDid = null;
        if (issuer is not null && !Did.TryParse(issuer, out issuerDid))
        {
            return new VerificationError(DidErrors.InvalidDid, "The issuer is not a DID.");
        }

        VerificationResult<ResolvedVerificationMethod> result;
        if (!string.IsNullOrEmpty(kid) && kid != issuerDid?.Value)
        {
            DidUrl? url;
            var parsed = issuerDid is null ? DidUrl.TryParse(kid, out url) : DidUrl.TryResolveReference(kid, issuerDid, out url);
            if (!parsed || url is null)
            {
                return new VerificationError(DidErrors.InvalidDidUrl, "The 'kid' is not a DID URL.");
            }

            // The key must belong to the issuer: a kid on another DID would let anyone sign as the issuer.
            if (issuerDid is not null && url.Did != issuerDid)
            {
                return new VerificationError(DidErrors.IssuerMismatch, "The 'kid' names a key of another DID than the issuer.");
            }

            result = await DereferenceAsync(url, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
        }
        else if (issuerDid is null)
        {
            return new VerificationError(DidErrors.InvalidDid, "Neither an issuer DID nor a 'kid' was given.");
        }
        else
        {
            result = await ResolveOnlyAssertionMethodAsync(issuerDid, cancellationToken).ConfigureAwait(false);
        }

        if (result.IsValid && result.Value.PublicKey.Crv == JwkCurves.X25519)
        {
            return new VerificationError(DidErrors.KeyNotAuthorized, "A key-agreement (X25519) key cannot verify signatures.");
        }

        return result;
    }

    /// <summary>
    /// Like <see cref="ResolveAssertionMethodAsync"/>, returning only the public key.
    /// </summary>
    /// <param name="issuer">The issuer DID, or <see langword="null"/>.</param>
    /// <param name="kid">The JWS header <c>kid</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels network resolution.</param>
    public async ValueTask<VerificationResult<Jwk>> ResolveAssertionKeyAsync(string? issuer, string? kid, CancellationToken cancellationToken = default)
    {
        var method = await ResolveAssertionMethodAsync(issuer, kid, cancellationToken).ConfigureAwait(false);
        return method.IsValid ? method.Value.PublicKey : method.Error;
    }

    private async ValueTask<VerificationResult<ResolvedVerificationMethod>> ResolveOnlyAssertionMethodAsync(Did issuer, CancellationToken cancellationToken)
    {
        var document = await ResolveAsync(issuer, cancellationToken).ConfigureAwait(false);
        if (!document.IsValid)
        {
            return document.Error;
        }

        var entries = document.Value.AssertionMethod;
        if (entries.Count == 0)
        {
            return new VerificationError(DidErrors.KeyNotAuthorized, "The issuer's DID document has no assertionMethod key.");
        }

        if (entries.Count > 1)
        {
            return new VerificationError(DidErrors.AmbiguousKey, "The issuer has several assertionMethod keys and no 'kid' says which one signed.");
        }

        if (!DidUrl.TryResolveReference(entries[0].Id, issuer, out var url))
        {
            return new VerificationError(DidErrors.InvalidDocument, "The assertionMethod entry is not a DID URL.");
        }

        // A reference to a key of another DID is not followed: the issuer's own document must hold the key.
        var method = document.Value.Dereference(url, VerificationRelationship.AssertionMethod);
        if (!method.IsValid)
        {
            return method.Error;
        }

        var key = method.Value.GetPublicKey();
        if (!key.IsValid)
        {
            return key.Error;
        }

        return new ResolvedVerificationMethod { Id = url, Method = method.Value, PublicKey = key.Value, Document = document.Value };
    }

    /// <summary>The number of cached documents (for tests and diagnostics).</summary>
    internal int CacheCount => _cache is BoundedResolverCache own ? own.Count : 0;
}
