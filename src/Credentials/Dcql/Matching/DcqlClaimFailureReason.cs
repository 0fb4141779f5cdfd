namespace Credentials.Dcql.Matching;

/// <summary>Why one Claims Query is not satisfied by a candidate.</summary>
public enum DcqlClaimFailureReason
{
    /// <summary>The claims path pointer selects nothing (section 7.1.1 returns an error): the claim is not in the credential.</summary>
    Missing,

    /// <summary>The claim exists but none of its selected values matches <c>values</c> in type and value.</summary>
    ValueMismatch,
}
