using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.W3c.DataIntegrity;

namespace Credentials.OpenId4Vci;

/// <summary>Secures <c>ldp_vc</c> credentials with a Data Integrity proof (<see cref="DataIntegrityIssuer"/>), for example <c>eddsa-rdfc-2022</c>.</summary>
public sealed class DataIntegrityCredentialSigner : IW3cCredentialSigner
{
    private readonly DataIntegrityIssuer _issuer;
    private readonly DataIntegrityProofOptions _proof;

    /// <summary>Creates the signer.</summary>
    /// <param name="signer">The issuer's key.</param>
    /// <param name="verificationMethod">The key's verification method URL (for a did:key, <c>did:key:z…#z…</c>).</param>
    /// <param name="cryptosuite">The cryptosuite, for example <see cref="Cryptosuite.EddsaRdfc2022"/>.</param>
    /// <param name="options">The clock and JSON-LD settings of the <see cref="DataIntegrityIssuer"/>.</param>
    /// <exception cref="ArgumentException">The verification method is empty, or the signer's algorithm fits no suite.</exception>
    public DataIntegrityCredentialSigner(ISigner signer, string verificationMethod, Cryptosuite cryptosuite, DataIntegrityIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cryptosuite);
        _issuer = new DataIntegrityIssuer(signer, verificationMethod, options);
        _proof = new DataIntegrityProofOptions { Cryptosuite = cryptosuite };
    }

    /// <inheritdoc />
    public string Format => CredentialConfiguration.LdpVcFormat;

    /// <inheritdoc />
    public string Algorithm => _proof.Cryptosuite.Name;

    /// <inheritdoc />
    public async ValueTask<JsonNode> SignAsync(JsonObject credential, CancellationToken cancellationToken = default)
        => await _issuer.AddProofAsync(credential, _proof, cancellationToken).ConfigureAwait(false);
}
