using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>What the app knows when it builds a W3C credential (<see cref="OpenId4VciIssuerOptions.ResolveW3cCredential"/>).</summary>
public sealed record W3cCredentialIssuanceContext
{
    /// <summary>The requested configuration id.</summary>
    public required string CredentialConfigurationId { get; init; }

    /// <summary>The configuration's format, <c>jwt_vc_json</c> or <c>ldp_vc</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The subject id the offer was created with (<see cref="CredentialOfferRequest.SubjectId"/>), an app-side id.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The holders' DIDs proved by the key proofs; one credential is issued per DID, each with it as <c>credentialSubject.id</c>.</summary>
    public required IReadOnlyList<string> HolderDids { get; init; }
}
