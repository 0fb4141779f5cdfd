using System;
using System.Collections.Generic;
using Credentials.OpenId4Vci;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// What one flow holds after its Token Request: the access token, how to present it (Bearer, or DPoP with the
/// session's key), the latest DPoP nonce per server, and the Credential Identifiers the token authorizes. Owned by one
/// flow at a time; disposing it disposes the DPoP key.
/// </summary>
internal sealed class IssuerAccess : IDisposable
{
    /// <summary>A Bearer access.</summary>
    public IssuerAccess(string accessToken)
        : this(accessToken, dpop: null, credentialIdentifiers: null)
    {
    }

    /// <summary>An access; with a DPoP key, the token is presented as <c>DPoP</c> (RFC 9449 section 7.1).</summary>
    public IssuerAccess(string accessToken, DpopSession? dpop, IReadOnlyDictionary<string, IReadOnlyList<string>>? credentialIdentifiers)
    {
        AccessToken = accessToken;
        Dpop = dpop;
        CredentialIdentifiers = credentialIdentifiers;
    }

    /// <summary>The access token. A secret.</summary>
    public string AccessToken { get; }

    /// <summary>The DPoP key and nonces when the token is DPoP-bound; <see langword="null"/> for a Bearer token.</summary>
    public DpopSession? Dpop { get; }

    /// <summary>
    /// The Credential Identifiers per configuration from the Token Response's <c>authorization_details</c>
    /// (OpenID4VCI 1.0 section 6.2), or <see langword="null"/> when it returned none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? CredentialIdentifiers { get; }

    /// <summary>
    /// The Credential Request for a configuration: by its first Credential Identifier when the Token Response returned
    /// any (section 8.2: <c>credential_identifier</c> is then REQUIRED), by <c>credential_configuration_id</c> otherwise.
    /// </summary>
    public CredentialRequest CreateRequest(string configurationId, IReadOnlyList<string> proofs)
        => CredentialIdentifiers is not null && CredentialIdentifiers.TryGetValue(configurationId, out var identifiers) && identifiers.Count > 0
            ? new CredentialRequest { CredentialIdentifier = identifiers[0], JwtProofs = proofs }
            : new CredentialRequest { CredentialConfigurationId = configurationId, JwtProofs = proofs };

    /// <inheritdoc />
    public void Dispose() => Dpop?.Dispose();

    /// <inheritdoc />
    public override string ToString() => Dpop is null ? "IssuerAccess(Bearer)" : "IssuerAccess(DPoP)";
}
