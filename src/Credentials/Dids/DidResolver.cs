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
public sealed class DidResolver : IDidResolver
{
    private readonly Dictionary<string, IDidMethodResolver> _methods = new(StringComparer.Ordinal);
    private readonly DidResolverOptions _options;
    private readonly BoundedCache<DidDocument> _cache;

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
        foreach (var method in methods)
        {
            ArgumentNullException.ThrowIfNull(method, nameof(methods));
            _methods[method.Method] = method;
        }

        _options = options;
        _cache = new BoundedCache<DidDocument>(options.CacheDuration == TimeSpan.Zero ? 0 : options.MaxCacheEntries, options.TimeProvider);
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
        ArgumentNullException.ThrowIfNull(did);
        if (!_methods.TryGetValue(did.Method, out var method))
        {
            return new VerificationError(DidErrors.MethodNotSupported, $"The DID method '{did.Method}' is not supported.");
        }

        if (_cache.TryGet(did.Value, out var cached))
        {
            return cached;
        }

        var result = await method.ResolveAsync(did, cancellationToken).ConfigureAwait(false);
        if (result.IsValid)
        {
            _cache.Set(did.Value, result.Value, _options.CacheDuration);
        }

        return result;
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
        var document = await ResolveAsync(didUrl.Did, cancellationToken).ConfigureAwait(false);
        if (!document.IsValid)
        {
            return document.Error;
        }

        var method = document.Value.Dereference(didUrl, relationship);
        if (!method.IsValid)
        {
            return method.Error;
        }

        var key = method.Value.GetPublicKey();
        if (!key.IsValid)
        {
            return key.Error;
        }

        return new ResolvedVerificationMethod { Id = didUrl, Method = method.Value, PublicKey = key.Value, Document = document.Value };
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
    internal int CacheCount => _cache.Count;
}
