using System.Collections.Immutable;
using Credentials.SdJwt;
using Credentials.Dcql.Matching;

namespace Credentials.Dcql;

/// <summary>A Claims Query (OpenID4VP 1.0 section 6.3): one claim the Verifier asks for, optionally with expected values.</summary>
public sealed record ClaimsQuery
{
    /// <summary>The identifier used by <c>claim_sets</c>; required when the Credential Query has <c>claim_sets</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The claims path pointer (section 7); a <see langword="null"/> component selects every array element.</summary>
    public required ClaimPath Path { get; init; }

    /// <summary>The expected values, or <see langword="null"/> when any value is acceptable.</summary>
    public ImmutableArray<DcqlClaimValue>? Values { get; init; }

    /// <summary><c>intent_to_retain</c> for <c>mso_mdoc</c> (Appendix B.2.4; ISO/IEC 18013-5 IntentToRetain), or <see langword="null"/> when absent.</summary>
    public bool? IntentToRetain { get; init; }
}
