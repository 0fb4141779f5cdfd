namespace Credentials.Dcql.Matching;

/// <summary>Why a candidate cannot answer a Credential Query; the first failing check, in this order.</summary>
public enum DcqlMismatchReason
{
    /// <summary>The candidate's format is not the query's <c>format</c>.</summary>
    FormatMismatch,

    /// <summary>The query's format is one this matcher does not match (anything but <c>dc+sd-jwt</c> and <c>mso_mdoc</c>).</summary>
    UnsupportedFormat,

    /// <summary>The candidate's <c>vct</c> (or a type it extends) is not in <c>vct_values</c>, or its doctype is not <c>doctype_value</c>.</summary>
    TypeMismatch,

    /// <summary>The candidate matches none of the query's <c>trusted_authorities</c>.</summary>
    UntrustedAuthority,

    /// <summary>The query requires Cryptographic Holder Binding and the candidate does not support it.</summary>
    HolderBindingUnsupported,

    /// <summary>A requested claim is missing (see <see cref="DcqlCandidateMismatch.ClaimFailures"/>). The matcher never derives or substitutes claims.</summary>
    ClaimMissing,

    /// <summary>Every requested claim exists but at least one has none of the expected <c>values</c>.</summary>
    ValueMismatch,

    /// <summary>No <c>claim_sets</c> option can be satisfied (see <see cref="DcqlCandidateMismatch.ClaimFailures"/>).</summary>
    NoClaimSetSatisfied,
}
