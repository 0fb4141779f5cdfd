using System;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;

namespace Credentials.SdJwtVc;

/// <summary>
/// What to put in one SD-JWT VC: its type, the credential's own claims (with their disclosability), the holder key,
/// the status reference and the validity window. The registered claims are set here, never in <see cref="Claims"/>.
/// </summary>
public sealed record SdJwtVcIssuance
{
    /// <summary>The credential type (<c>vct</c>), for example <c>https://credentials.example.jp/vct/age/v1</c>.</summary>
    public required string Vct { get; init; }

    /// <summary>The SRI hash of the type metadata document (<c>vct#integrity</c>), if the issuer pins it.</summary>
    public string? VctIntegrity { get; init; }

    /// <summary>The credential's claims. Must not contain registered claims (<c>iss</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>cnf</c>, <c>vct</c>, <c>vct#integrity</c>, <c>status</c>).</summary>
    public required SdObject Claims { get; init; }

    /// <summary>The holder's public key for key binding, written as <c>cnf.jwk</c>.</summary>
    public Jwk? HolderKey { get; init; }

    /// <summary>The status list entry, written as <c>status.status_list</c> {<c>idx</c>, <c>uri</c>}.</summary>
    public StatusReference? Status { get; init; }

    /// <summary>The subject (<c>sub</c>), if any.</summary>
    public string? Subject { get; init; }

    /// <summary>Whether <c>sub</c> is selectively disclosable (the profile allows it).</summary>
    public bool SubjectDisclosable { get; init; }

    /// <summary>The start of validity (<c>nbf</c>), if any.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The expiry (<c>exp</c>); when null the issuer's default validity applies.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
