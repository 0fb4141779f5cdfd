using System;
using System.Text.Json.Nodes;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;

namespace Credentials.Samples;

/// <summary>
/// Claims checked and completed for a credential type, with their disclosure structure and technical validity,
/// ready to become an <see cref="SdJwtVcIssuance"/>.
/// </summary>
/// <param name="Type">The credential type.</param>
/// <param name="Claims">The completed claims (for the age type: with the computed age statements).</param>
/// <param name="SdClaims">The claims with their selective disclosure decided by the type metadata.</param>
/// <param name="NotBefore">The start of validity.</param>
/// <param name="ExpiresAt">The end of technical validity (capped by the type's rules, e.g. a 20th birthday).</param>
public sealed record PreparedCredential(CredentialType Type, JsonObject Claims, SdObject SdClaims, DateTimeOffset NotBefore, DateTimeOffset ExpiresAt)
{
    /// <summary>The issuance for <see cref="SdJwtVcIssuer.IssueAsync"/>: <c>vct</c>, <c>vct#integrity</c>, claims, validity.</summary>
    /// <param name="holderKey">The holder's public key for <c>cnf</c>, or <see langword="null"/> for an unbound credential.</param>
    /// <param name="status">The status list entry, or <see langword="null"/>.</param>
    public SdJwtVcIssuance ToIssuance(Jwk? holderKey = null, StatusReference? status = null) => new()
    {
        Vct = Type.Vct,
        VctIntegrity = Type.MetadataIntegrity,
        Claims = SdClaims,
        HolderKey = holderKey,
        Status = status,
        NotBefore = NotBefore,
        ExpiresAt = ExpiresAt,
    };
}
