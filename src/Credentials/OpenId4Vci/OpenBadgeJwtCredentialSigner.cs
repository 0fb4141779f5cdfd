using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.W3c.OpenBadges;

namespace Credentials.OpenId4Vci;

/// <summary>Secures <c>jwt_vc_json</c> credentials in the Open Badges 3.0 VC-JWT form (<see cref="OpenBadgeJwtIssuer"/>).</summary>
public sealed class OpenBadgeJwtCredentialSigner : IW3cCredentialSigner
{
    private readonly OpenBadgeJwtIssuer _issuer;

    /// <summary>Creates the signer.</summary>
    /// <param name="signer">The issuer's key.</param>
    /// <param name="options">The <see cref="OpenBadgeJwtIssuer"/> options.</param>
    /// <exception cref="ArgumentException">The options do not fit the signer (see <see cref="OpenBadgeJwtIssuer"/>).</exception>
    public OpenBadgeJwtCredentialSigner(ISigner signer, OpenBadgeJwtIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _issuer = new OpenBadgeJwtIssuer(signer, options);
        Algorithm = signer.Algorithm.Name;
    }

    /// <inheritdoc />
    public string Format => CredentialConfiguration.JwtVcJsonFormat;

    /// <inheritdoc />
    public string Algorithm { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The credential is not a valid W3C credential or lacks <c>id</c> or <c>validFrom</c>.</exception>
    public async ValueTask<JsonNode> SignAsync(JsonObject credential, CancellationToken cancellationToken = default)
        => JsonValue.Create(await _issuer.IssueAsync(W3cSignerInput.Read(credential), cancellationToken).ConfigureAwait(false))!;
}
