namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// The <c>proofPurpose</c> values of VC Data Integrity 1.0 section 2.2; each names the verification relationship of
/// DID Core 1.0 section 5.3 under which the verification method must be listed.
/// </summary>
public static class ProofPurposes
{
    /// <summary><c>assertionMethod</c>: issuing credentials and other assertions.</summary>
    public const string AssertionMethod = "assertionMethod";

    /// <summary><c>authentication</c>: authenticating, for example a holder's proof on a presentation.</summary>
    public const string Authentication = "authentication";

    /// <summary><c>keyAgreement</c>: key agreement protocols.</summary>
    public const string KeyAgreement = "keyAgreement";

    /// <summary><c>capabilityInvocation</c>: invoking a capability.</summary>
    public const string CapabilityInvocation = "capabilityInvocation";

    /// <summary><c>capabilityDelegation</c>: delegating a capability.</summary>
    public const string CapabilityDelegation = "capabilityDelegation";

    /// <summary>The DID Core relationship a purpose names, or <see langword="false"/> for any other value.</summary>
    internal static bool TryGetRelationship(string? purpose, out Dids.VerificationRelationship relationship)
    {
        switch (purpose)
        {
            case AssertionMethod:
                relationship = Dids.VerificationRelationship.AssertionMethod;
                return true;
            case Authentication:
                relationship = Dids.VerificationRelationship.Authentication;
                return true;
            case KeyAgreement:
                relationship = Dids.VerificationRelationship.KeyAgreement;
                return true;
            case CapabilityInvocation:
                relationship = Dids.VerificationRelationship.CapabilityInvocation;
                return true;
            case CapabilityDelegation:
                relationship = Dids.VerificationRelationship.CapabilityDelegation;
                return true;
            default:
                relationship = default;
                return false;
        }
    }
}
