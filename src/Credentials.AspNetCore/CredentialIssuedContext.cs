using System.Collections.Generic;
using Credentials.OpenId4Vci;
using Credentials.Status;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore;

/// <summary>
/// What one successful Credential Request issued, for <see cref="OpenId4VciEndpointOptions.OnCredentialIssued"/>: the
/// grant's subject (the offer's <see cref="CredentialOfferRequest.SubjectId"/>, so the app learns which of its offers
/// was redeemed, whatever holder key the Wallet used) and each credential's status list entry. Holds no claim and no
/// credential.
/// </summary>
public sealed record CredentialIssuedContext
{
    /// <summary>The request that issued the credentials.</summary>
    public required HttpContext HttpContext { get; init; }

    /// <summary>The Credential Configuration issued.</summary>
    public required string CredentialConfigurationId { get; init; }

    /// <summary>The subject id of the grant (the offer's <see cref="CredentialOfferRequest.SubjectId"/>), if it had one.</summary>
    public string? SubjectId { get; init; }

    /// <summary>How many credentials were issued (the batch size).</summary>
    public required int Count { get; init; }

    /// <summary>The status list entry of each credential, in the order of the response's credentials; empty without status lists.</summary>
    public IReadOnlyList<StatusReference> StatusReferences { get; init; } = [];
}
