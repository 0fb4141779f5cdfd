namespace Credentials.W3c.VcJose;

/// <summary>What verifying a presentation does with the credentials it carries.</summary>
public enum PresentedCredentialVerification
{
    /// <summary>
    /// Every presented credential must verify: enveloped <c>vc+jwt</c> with this verifier, embedded proofs with the
    /// embedded-proof verifier, self-asserted ones under the presentation's signature. A credential secured in a way
    /// this verifier cannot check fails the presentation (<see cref="VcJoseErrors.UnsupportedEnvelope"/>). The default.
    /// </summary>
    VerifyAll,

    /// <summary>
    /// Only the presentation itself is verified (its signature and data model, including that every presented
    /// credential is secured or self-asserted, VCDM 2.0 section 7.1); the caller verifies the credentials.
    /// </summary>
    LeaveToCaller,
}
