using System.Collections.Generic;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <summary>What the app knows when it decides a credential's claims (<see cref="OpenId4VciIssuerOptions.ResolveDataset"/>).</summary>
public sealed record CredentialIssuanceContext
{
    /// <summary>The requested configuration id.</summary>
    public required string CredentialConfigurationId { get; init; }

    /// <summary>The configuration's <c>vct</c>.</summary>
    public required string Vct { get; init; }

    /// <summary>The subject id the offer was created with (<see cref="CredentialOfferRequest.SubjectId"/>).</summary>
    public string? SubjectId { get; init; }

    /// <summary>The proved holder keys; one credential is issued per key, all with the same claims.</summary>
    public required IReadOnlyList<Jwk> HolderKeys { get; init; }
}
