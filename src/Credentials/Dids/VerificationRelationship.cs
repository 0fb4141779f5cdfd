namespace Credentials.Dids;

/// <summary>The verification relationships of DID Core 1.0 section 5.3: what a verification method may be used for.</summary>
public enum VerificationRelationship
{
    /// <summary><c>authentication</c> (DID Core 5.3.1): proving control of the DID, for example holder key binding.</summary>
    Authentication,

    /// <summary><c>assertionMethod</c> (DID Core 5.3.2): issuing verifiable credentials.</summary>
    AssertionMethod,

    /// <summary><c>keyAgreement</c> (DID Core 5.3.3): establishing encryption keys with the DID subject.</summary>
    KeyAgreement,

    /// <summary><c>capabilityInvocation</c> (DID Core 5.3.4): invoking a cryptographic capability, such as updating the DID document.</summary>
    CapabilityInvocation,

    /// <summary><c>capabilityDelegation</c> (DID Core 5.3.5): delegating a cryptographic capability to another party.</summary>
    CapabilityDelegation,
}
