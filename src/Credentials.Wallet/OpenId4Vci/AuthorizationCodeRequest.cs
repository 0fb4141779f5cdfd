using System;
using System.Collections.Generic;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>What the wallet asks authorization for in the Authorization Code Flow, and where the browser comes back.</summary>
public sealed record AuthorizationCodeRequest
{
    /// <summary>
    /// The <c>redirect_uri</c>: where the Authorization Server sends the browser back with the code, for example a
    /// loopback <c>http://127.0.0.1:PORT/callback</c> (RFC 8252 section 7.3) or the app's claimed https link.
    /// </summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The configurations to ask authorization for; the offer's first when <see langword="null"/>.</summary>
    public IReadOnlyList<string>? CredentialConfigurationIds { get; init; }

    /// <summary>
    /// Whether to ask with the configurations' <c>scope</c> values (OpenID4VCI 1.0 section 5.1.2) instead of
    /// <c>authorization_details</c> of type <c>openid_credential</c> (section 5.1.1, the default).
    /// </summary>
    public bool UseScope { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"AuthorizationCodeRequest({RedirectUri}, [{string.Join(", ", CredentialConfigurationIds ?? [])}])";
}
