namespace Credentials.Dcql.Matching;

/// <summary>Options for <see cref="DcqlMatcher"/>.</summary>
public sealed record DcqlMatcherOptions
{
    /// <summary>The defaults.</summary>
    public static DcqlMatcherOptions Default { get; } = new();

    /// <summary>
    /// Which <c>claim_sets</c> option a candidate answers with. Default <see cref="DcqlPreference.VerifierOrder"/>:
    /// section 6.4.1 says the Wallet SHOULD return the first option it can satisfy. Choose
    /// <see cref="DcqlPreference.FewestDisclosures"/> to deviate when a Verifier did not order options by least disclosure
    /// (a reason section 6.4.1 names); every satisfiable option is reported either way.
    /// </summary>
    public DcqlPreference ClaimSetPreference { get; init; } = DcqlPreference.VerifierOrder;

    /// <summary>
    /// Which <c>credential_sets</c> option is preferred. The specification leaves this to the Wallet and the End-User
    /// (section 6.5); default <see cref="DcqlPreference.FewestDisclosures"/>.
    /// </summary>
    public DcqlPreference CredentialSetPreference { get; init; } = DcqlPreference.FewestDisclosures;

    /// <summary>
    /// Whether a credential must match one of the query's <c>trusted_authorities</c> (section 6.1: every credential
    /// returned SHOULD match). Default <see langword="true"/>: a candidate without a matching
    /// <see cref="DcqlCandidate.TrustedAuthorities"/> fact does not match.
    /// </summary>
    public bool EnforceTrustedAuthorities { get; init; } = true;
}
