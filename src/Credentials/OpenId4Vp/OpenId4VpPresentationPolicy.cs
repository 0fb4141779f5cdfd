using System;
using System.Collections.Generic;
using Credentials.SdJwtVc;

namespace Credentials.OpenId4Vp;

/// <summary>
/// What the verifier requires of every presented SD-JWT VC beyond the request itself. Key binding is not here: it is
/// always to this request's <c>nonce</c> and <c>client_id</c> (required unless the Credential Query sets
/// <c>require_cryptographic_holder_binding: false</c>), and the accepted types come from each query's <c>vct_values</c>.
/// </summary>
public sealed record OpenId4VpPresentationPolicy
{
    /// <summary>Which issuers may issue which types (for example a <c>TrustList</c>); not checked when null.</summary>
    public Credentials.Trust.IIssuerAuthorization? IssuerAuthorization { get; init; }

    /// <summary>Types accepted regardless of the query; any type the query names when null.</summary>
    public IReadOnlyList<string>? AcceptedVcts { get; init; }

    /// <summary>The oldest credential accepted (from its <c>iat</c>); no limit when null.</summary>
    public TimeSpan? MaxCredentialAge { get; init; }

    /// <summary>Status checking. Default: whenever the credential references a status list.</summary>
    public StatusCheck Status { get; init; } = StatusCheck.IfPresent;

    /// <summary>Type metadata checking. Default: when it can be resolved.</summary>
    public TypeMetadataCheck TypeMetadata { get; init; } = TypeMetadataCheck.IfAvailable;
}
