namespace Credentials.Samples.Web.Checker;

/// <summary>How one check went, as the checker page shows it.</summary>
public enum CheckOutcomeView
{
    /// <summary>The check ran and passed.</summary>
    Passed,

    /// <summary>The check ran and failed.</summary>
    Failed,

    /// <summary>Passed in part (the key binding's audience and nonce were not compared).</summary>
    Partial,

    /// <summary>The check does not apply to this credential, or the policy skips it.</summary>
    NotApplicable,

    /// <summary>The check did not run because an earlier one failed.</summary>
    NotReached,
}
