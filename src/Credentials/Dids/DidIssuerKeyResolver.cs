using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;

namespace Credentials.Dids;

/// <summary>
/// An <see cref="IIssuerKeyResolver"/> for issuers identified by DIDs: the JWS <c>kid</c> (a DID URL, absolute or
/// relative to <c>iss</c>) or, without one, the issuer's only <c>assertionMethod</c> key. Keys not under
/// <c>assertionMethod</c> are refused (<c>did.key_not_authorized</c>). Imported keys are kept (bounded) and reused.
/// Thread-safe.
/// </summary>
public sealed class DidIssuerKeyResolver : IIssuerKeyResolver
{
    private const int MaxImportedKeys = 1000;
    private readonly DidResolver _resolver;
    private readonly ConcurrentDictionary<string, VerificationKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Creates the resolver.</summary>
    /// <param name="resolver">The DID resolver (with its cache).</param>
    public DidIssuerKeyResolver(DidResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
    }

    /// <inheritdoc />
    public async ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = await _resolver.ResolveAssertionMethodAsync(request.Issuer, request.Jwt.KeyId, cancellationToken).ConfigureAwait(false);
        if (!method.IsValid)
        {
            return method.Error;
        }

        // Importing a key costs about as much as a verification: import once per method id and key.
        var cacheKey = method.Value.Id.Value + " " + method.Value.PublicKey.ToJson();
        if (_keys.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var imported = VerificationKey.FromJwk(method.Value.PublicKey);
        if (!imported.IsValid)
        {
            return imported.Error.Code == KeyErrors.UnsupportedKeyType
                ? new VerificationError(DidErrors.UnsupportedKeyType, "The issuer's key type cannot verify signatures.") { Inner = imported.Error }
                : new VerificationError(DidErrors.InvalidPublicKey, "The issuer's key is not valid.") { Inner = imported.Error };
        }

        if (_keys.Count >= MaxImportedKeys)
        {
            // Evicted keys are not disposed: a concurrent verification may still hold one; the finalizer frees them.
            _keys.Clear();
        }

        return _keys.GetOrAdd(cacheKey, imported.Value);
    }
}
