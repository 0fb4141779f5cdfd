using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.OpenId4Vci;

/// <summary>
/// Secures the W3C credentials an <see cref="OpenId4VciIssuer"/> issues for one <c>jwt_vc_json</c> or <c>ldp_vc</c>
/// configuration (<see cref="IssuerW3cCredentialConfiguration.Signer"/>). Ready-made: <see cref="DataIntegrityCredentialSigner"/>
/// (<c>ldp_vc</c>), <see cref="VcJwtCredentialSigner"/> and <see cref="OpenBadgeJwtCredentialSigner"/> (<c>jwt_vc_json</c>).
/// Implementations must be thread-safe.
/// </summary>
public interface IW3cCredentialSigner
{
    /// <summary>The format the signer produces: <see cref="CredentialConfiguration.JwtVcJsonFormat"/> or <see cref="CredentialConfiguration.LdpVcFormat"/>.</summary>
    string Format { get; }

    /// <summary>
    /// The identifier written to <c>credential_signing_alg_values_supported</c>: a JWS algorithm for <c>jwt_vc_json</c>,
    /// a Data Integrity cryptosuite for <c>ldp_vc</c>.
    /// </summary>
    string Algorithm { get; }

    /// <summary>Secures an unsigned credential whose subject id the issuer has set to the holder's DID.</summary>
    /// <param name="credential">The unsigned credential (the signer may modify or keep it).</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>For <c>jwt_vc_json</c> a JSON string (the compact JWT); for <c>ldp_vc</c> the secured credential as a JSON object.</returns>
    ValueTask<JsonNode> SignAsync(JsonObject credential, CancellationToken cancellationToken = default);
}
