namespace Credentials;

/// <summary>
/// How one check of a verification went: shared by every verifier that reports its checks (SD-JWT VC, W3C
/// verifiable credentials and presentations).
/// </summary>
public enum CheckOutcome
{
    /// <summary>The check ran and passed.</summary>
    Passed,

    /// <summary>The check ran and failed.</summary>
    Failed,

    /// <summary>The check did not run because an earlier one failed.</summary>
    NotReached,

    /// <summary>The check was not performed: the policy skips it, or what it needs was unavailable and the policy allows that.</summary>
    NotChecked,

    /// <summary>
    /// Passed in part: the Key Binding JWT's signature, <c>sd_hash</c> and times were verified, but its audience and
    /// nonce were only reported, not compared (<see cref="SdJwt.KeyBindingRequirement.RequiredAudienceAndNonceUnchecked"/>).
    /// </summary>
    PassedWithoutAudienceAndNonce,
}
