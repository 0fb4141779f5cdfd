using System;
using Credentials.SdJwt;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The claims of the credential(s) to issue, decided by the app. Every copy of a batch gets the same claims with fresh
/// salts, its own holder key and its own status-list index.
/// </summary>
public sealed record CredentialDataset
{
    /// <summary>The credential's own claims and their disclosability (no registered claims: <c>iss</c>, <c>cnf</c>, <c>vct</c>, <c>status</c> … are set by the issuer).</summary>
    public required SdObject Claims { get; init; }

    /// <summary>The expiry; the issuer's <see cref="OpenId4VciIssuerOptions.CredentialValidity"/> when <see langword="null"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The start of validity (<c>nbf</c>), if any.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The <c>sub</c> claim, if any.</summary>
    public string? Subject { get; init; }
}
