using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Keys;
using Credentials.Trust;

namespace Credentials.AspNetCore.Http;

/// <summary>
/// The <see cref="IIssuerKeyResolver"/> registered by <see cref="CredentialResolverServiceCollectionExtensions.AddCredentialResolvers"/>:
/// a DID issuer (or, without <c>iss</c>, a DID URL <c>kid</c>) goes to the <see cref="DidIssuerKeyResolver"/>, anything
/// else to the <see cref="JwtVcIssuerMetadataResolver"/>. It proves a key belongs to the issuer, not that the issuer is trusted.
/// </summary>
internal sealed class IssuerKeyResolverRouter(DidIssuerKeyResolver dids, JwtVcIssuerMetadataResolver metadata) : IIssuerKeyResolver
{
    public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isDid = request.Issuer is { } issuer
            ? issuer.StartsWith("did:", StringComparison.Ordinal)
            : request.Jwt.KeyId?.StartsWith("did:", StringComparison.Ordinal) == true;
        return isDid ? dids.ResolveAsync(request, cancellationToken) : metadata.ResolveAsync(request, cancellationToken);
    }
}
