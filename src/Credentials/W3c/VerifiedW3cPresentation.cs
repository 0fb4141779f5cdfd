using System.Collections.Immutable;

namespace Credentials.W3c;

/// <summary>A verified W3C presentation: what it says, how it was secured, and its verified credentials.</summary>
public sealed class VerifiedW3cPresentation
{
    internal VerifiedW3cPresentation(W3cPresentation presentation, string securingMechanism, string? verificationMethod, string? algorithm, ImmutableArray<VerifiedW3cCredential> credentials)
    {
        Presentation = presentation;
        SecuringMechanism = securingMechanism;
        VerificationMethod = verificationMethod;
        Algorithm = algorithm;
        Credentials = credentials;
    }

    /// <summary>The presentation, as secured.</summary>
    public W3cPresentation Presentation { get; }

    /// <summary>The holder's identifier, when the presentation states one.</summary>
    public string? Holder => Presentation.Holder?.Id;

    /// <summary>How the presentation was secured, for example <see cref="W3cSecuringMechanisms.VpJwt"/>.</summary>
    public string SecuringMechanism { get; }

    /// <summary>The key that verified it: the JWS <c>kid</c> or the proof's <c>verificationMethod</c>, when stated.</summary>
    public string? VerificationMethod { get; }

    /// <summary>The signature algorithm or cryptosuite, when there is one.</summary>
    public string? Algorithm { get; }

    /// <summary>
    /// The presented credentials, verified, in the order of <c>verifiableCredential</c>; empty when the policy left
    /// them to the caller (then read them from <see cref="W3cPresentation.VerifiableCredentials"/>).
    /// </summary>
    public ImmutableArray<VerifiedW3cCredential> Credentials { get; }
}
