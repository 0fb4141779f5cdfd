using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Trust;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// Whom the checker trusts for one check: the app's own sample issuers (<c>SampleTrust</c>), then the issuers of the
/// optional trust list <c>checker-trusted-issuers.json</c> in the data folder (DIDs such as did:key and did:web,
/// or issuers with pinned keys; <c>specs/trust.md</c>). An issuer on neither list is not trusted, whatever its proof.
/// </summary>
internal sealed class CheckerTrust(TrustList sample, TrustList? extra) : IIssuerKeyResolver, IIssuerAuthorization
{
    /// <summary>Every trusted issuer's identifier (for the W3C verifier's trusted-issuer set).</summary>
    public IReadOnlySet<string> IssuerIds { get; } = sample.Issuers.Concat(extra?.Issuers ?? []).Select(i => i.Issuer).ToHashSet(StringComparer.Ordinal);

    /// <summary>The trusted issuer entry for an identifier (its display name), or <see langword="null"/>.</summary>
    public TrustedIssuer? Find(string? issuer)
        => issuer is null ? null : sample.Issuers.Concat(extra?.Issuers ?? []).FirstOrDefault(i => string.Equals(i.Issuer, issuer, StringComparison.Ordinal));

    /// <inheritdoc />
    public async ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
    {
        var first = await sample.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        if (first.IsValid || extra is null)
        {
            return first;
        }

        var second = await extra.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        return second.IsValid ? second : first;
    }

    /// <inheritdoc />
    public VerificationError? Authorize(string? issuer, string vct)
        => extra is not null && !sample.Issuers.Any(i => i.Issuer == issuer) && extra.Issuers.Any(i => i.Issuer == issuer)
            ? extra.Authorize(issuer, vct)
            : sample.Authorize(issuer, vct);
}
