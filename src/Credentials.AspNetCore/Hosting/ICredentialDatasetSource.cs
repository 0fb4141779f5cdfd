using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// Decides the claims of each <c>dc+sd-jwt</c> credential an issuer registered in DI issues, with scoped services: the
/// app registers its implementation with <see cref="OpenId4VciIssuerBuilder.AddCredentialDatasets{TSource}"/>, and each
/// call gets a fresh instance from a new DI scope that is disposed when the call returns, so an EF Core
/// <c>DbContext</c> or any other scoped service can be injected. There is no <c>HttpContext</c> (a call may come from
/// deferred issuance): what is known about the request is in the <see cref="CredentialIssuanceContext"/>.
/// </summary>
public interface ICredentialDatasetSource
{
    /// <summary>The claims of the requested credential, or <see langword="null"/> to refuse it (<c>credential_request_denied</c>); see <see cref="OpenId4VciIssuerOptions.ResolveDataset"/>.</summary>
    /// <param name="context">The configuration, <c>vct</c>, subject id and proved holder keys.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The dataset, or <see langword="null"/>.</returns>
    ValueTask<CredentialDataset?> GetDatasetAsync(CredentialIssuanceContext context, CancellationToken cancellationToken);
}
