using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;

namespace Credentials.Trust;

/// <summary>
/// Resolves issuer keys from a fixed, configured set: one key, or keys per issuer identifier (and optionally per
/// <c>kid</c>). For offline verification and tests.
/// </summary>
public sealed class StaticIssuerKeyResolver : IIssuerKeyResolver
{
    private readonly VerificationKey? _single;
    private readonly Dictionary<string, List<VerificationKey>> _byIssuer = new(StringComparer.Ordinal);

    /// <summary>Trusts exactly one key, whatever the issuer claims to be.</summary>
    /// <param name="key">The issuer's public key.</param>
    public StaticIssuerKeyResolver(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _single = key;
    }

    /// <summary>Trusts exactly one public JWK, whatever the issuer claims to be.</summary>
    /// <param name="publicJwk">The issuer's public key.</param>
    /// <exception cref="ArgumentException">The JWK is not a usable public key.</exception>
    public StaticIssuerKeyResolver(Jwk publicJwk)
        : this(VerificationKey.Create(publicJwk))
    {
    }

    /// <summary>Trusts keys per issuer identifier (the <c>iss</c> claim).</summary>
    /// <param name="keysByIssuer">The keys for each issuer.</param>
    public StaticIssuerKeyResolver(IEnumerable<KeyValuePair<string, Jwk>> keysByIssuer)
    {
        ArgumentNullException.ThrowIfNull(keysByIssuer);
        foreach (var (issuer, jwk) in keysByIssuer)
        {
            if (!_byIssuer.TryGetValue(issuer, out var list))
            {
                _byIssuer[issuer] = list = [];
            }

            list.Add(VerificationKey.Create(jwk));
        }
    }

    /// <inheritdoc />
    public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_single is not null)
        {
            return ValueTask.FromResult(VerificationResult<VerificationKey>.Success(_single));
        }

        if (request.Issuer is not null && _byIssuer.TryGetValue(request.Issuer, out var keys))
        {
            var kid = request.Jwt.KeyId;
            foreach (var key in keys)
            {
                if (kid is null || key.Jwk.Kid is null || string.Equals(kid, key.Jwk.Kid, StringComparison.Ordinal))
                {
                    return ValueTask.FromResult(VerificationResult<VerificationKey>.Success(key));
                }
            }
        }

        return ValueTask.FromResult(VerificationResult<VerificationKey>.Failure(
            new VerificationError(SdJwtErrors.IssuerKeyNotFound, "No trusted key is configured for this issuer.")));
    }
}
