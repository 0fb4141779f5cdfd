using System;
using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>What to offer: which configurations, for whom (the app's subject id, handed back when the credential is issued), and an optional PIN.</summary>
public sealed record CredentialOfferRequest
{
    /// <summary>The offered configuration ids (each one of the issuer's configurations).</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>
    /// The app's identifier for the End-User or the record to issue from (for example an exam registration number),
    /// stored with the Pre-Authorized Code and passed to <see cref="OpenId4VciIssuerOptions.ResolveDataset"/>.
    /// </summary>
    public string? SubjectId { get; init; }

    /// <summary>A Transaction Code the Wallet must present; none when <see langword="null"/>.</summary>
    public OfferTransactionCode? TransactionCode { get; init; }

    /// <summary>Whether the offer carries the <c>pre-authorized_code</c> grant (default <see langword="true"/>).</summary>
    public bool OfferPreAuthorizedCode { get; init; } = true;

    /// <summary>
    /// Whether the offer carries the <c>authorization_code</c> grant with an <c>issuer_state</c> (OpenID4VCI 1.0 section
    /// 4.1.1) that ties the Wallet's authorization request to these configurations and <see cref="SubjectId"/> (default
    /// <see langword="false"/>; needs <see cref="OpenId4VciIssuerOptions.ValidateClient"/>).
    /// </summary>
    public bool OfferAuthorizationCode { get; init; }

    /// <summary>How long the Pre-Authorized Code (and the offer by reference) stays usable; the issuer's default when <see langword="null"/>.</summary>
    public TimeSpan? Lifetime { get; init; }
}
