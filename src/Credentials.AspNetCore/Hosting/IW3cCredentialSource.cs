using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// Builds the unsigned W3C credential of each <c>jwt_vc_json</c> or <c>ldp_vc</c> request, with scoped services: the
/// app registers its implementation with <see cref="OpenId4VciIssuerBuilder.AddW3cCredentials{TSource}"/>, and each call
/// gets a fresh instance from a new DI scope that is disposed when the call returns.
/// </summary>
public interface IW3cCredentialSource
{
    /// <summary>The unsigned credential, or <see langword="null"/> to refuse it; see <see cref="OpenId4VciIssuerOptions.ResolveW3cCredential"/>.</summary>
    /// <param name="context">The configuration, subject id and proved holder DIDs.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The credential, or <see langword="null"/>.</returns>
    ValueTask<JsonObject?> GetCredentialAsync(W3cCredentialIssuanceContext context, CancellationToken cancellationToken);
}
