using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.VcJose;

namespace Credentials.OpenId4Vci;

/// <summary>Secures <c>jwt_vc_json</c> credentials as VC-JOSE-COSE <c>vc+jwt</c> (<see cref="VcJwtIssuer"/>).</summary>
public sealed class VcJwtCredentialSigner : IW3cCredentialSigner
{
    private readonly VcJwtIssuer _issuer;

    /// <summary>Creates the signer.</summary>
    /// <param name="signer">The issuer's key; its <see cref="ISigner.KeyId"/> (for example a DID URL) becomes the header's <c>kid</c>.</param>
    /// <param name="options">The <see cref="VcJwtIssuer"/> options.</param>
    public VcJwtCredentialSigner(ISigner signer, VcJwtIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _issuer = new VcJwtIssuer(signer, options);
        Algorithm = signer.Algorithm.Name;
    }

    /// <inheritdoc />
    public string Format => CredentialConfiguration.JwtVcJsonFormat;

    /// <inheritdoc />
    public string Algorithm { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The credential is not a valid W3C credential.</exception>
    public async ValueTask<JsonNode> SignAsync(JsonObject credential, CancellationToken cancellationToken = default)
        => JsonValue.Create(await _issuer.IssueAsync(W3cSignerInput.Read(credential), cancellationToken).ConfigureAwait(false))!;
}
