namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// The <c>sd</c> value of claim metadata: whether the Issuer makes the claim selectively disclosable
/// (draft-ietf-oauth-sd-jwt-vc section 5.6.4).
/// </summary>
public enum ClaimSelectiveDisclosure
{
    /// <summary><c>allowed</c> (also the default when <c>sd</c> is omitted): the Issuer MAY make the claim selectively disclosable.</summary>
    Allowed,

    /// <summary><c>always</c>: the Issuer MUST make the claim selectively disclosable.</summary>
    Always,

    /// <summary><c>never</c>: the Issuer MUST NOT make the claim selectively disclosable.</summary>
    Never,
}
