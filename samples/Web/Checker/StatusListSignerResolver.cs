using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Trust;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// The keys that may sign a credential's Token Status List: its issuer's trusted keys. A status list token need not
/// carry <c>iss</c>; when it has none, the credential's issuer is asked for; when it names another issuer, that one
/// must be trusted in its own right.
/// </summary>
internal sealed class StatusListSignerResolver(IIssuerKeyResolver trust, string? credentialIssuer) : IIssuerKeyResolver
{
    /// <inheritdoc />
    public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
        => trust.ResolveAsync(request.Issuer is null ? request with { Issuer = credentialIssuer } : request, cancellationToken);
}
