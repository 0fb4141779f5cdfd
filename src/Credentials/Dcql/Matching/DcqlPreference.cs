namespace Credentials.Dcql.Matching;

/// <summary>How <see cref="DcqlMatcher"/> picks one of several alternatives that all satisfy a query.</summary>
public enum DcqlPreference
{
    /// <summary>The first satisfiable alternative in the Verifier's order.</summary>
    VerifierOrder,

    /// <summary>The satisfiable alternative with the fewest disclosures; ties go to the Verifier's order.</summary>
    FewestDisclosures,
}
