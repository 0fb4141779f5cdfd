namespace Credentials.SdJwtVc;

/// <summary>Error codes of the SD-JWT VC profile checks.</summary>
public static class SdJwtVcErrors
{
    /// <summary><c>sdjwtvc.missing_vct</c>: the credential has no string <c>vct</c>.</summary>
    public static readonly ErrorCode MissingVct = new("sdjwtvc.missing_vct", VerificationFailureKind.Malformed);

    /// <summary><c>sdjwtvc.vct_not_accepted</c>: the verifier's policy does not accept this <c>vct</c>.</summary>
    public static readonly ErrorCode VctNotAccepted = new("sdjwtvc.vct_not_accepted", VerificationFailureKind.PolicyViolation);

    /// <summary><c>sdjwtvc.invalid_claim</c>: a registered claim has the wrong type (for example a non-string <c>iss</c> or <c>vct#integrity</c>).</summary>
    public static readonly ErrorCode InvalidClaim = new("sdjwtvc.invalid_claim", VerificationFailureKind.Malformed);

    /// <summary><c>sdjwtvc.too_old</c>: the credential's <c>iat</c> is older than the policy's maximum age, or missing when a maximum age is set.</summary>
    public static readonly ErrorCode TooOld = new("sdjwtvc.too_old", VerificationFailureKind.Expired);

    /// <summary><c>sdjwtvc.status_required</c>: the policy requires a status check and the credential has no <c>status</c>.</summary>
    public static readonly ErrorCode StatusRequired = new("sdjwtvc.status_required", VerificationFailureKind.PolicyViolation);

    /// <summary><c>sdjwtvc.type_metadata_required</c>: the policy requires type metadata and none could be resolved.</summary>
    public static readonly ErrorCode TypeMetadataRequired = new("sdjwtvc.type_metadata_required", VerificationFailureKind.PolicyViolation);
}
