namespace Credentials.W3c;

/// <summary>A verified W3C credential: what it says, and how it was secured and by whom.</summary>
public sealed class VerifiedW3cCredential
{
    internal VerifiedW3cCredential(W3cCredential credential, string securingMechanism, string? verificationMethod, string? algorithm)
    {
        Credential = credential;
        SecuringMechanism = securingMechanism;
        VerificationMethod = verificationMethod;
        Algorithm = algorithm;
    }

    /// <summary>The credential, as secured.</summary>
    public W3cCredential Credential { get; }

    /// <summary>The issuer's identifier (the credential's <c>issuer</c> URL).</summary>
    public string Issuer => Credential.Issuer.Id;

    /// <summary>How the credential was secured: <see cref="W3cSecuringMechanisms.VcJwt"/>, a Data Integrity cryptosuite, or <see cref="W3cSecuringMechanisms.SelfAsserted"/>.</summary>
    public string SecuringMechanism { get; }

    /// <summary>The key that verified it: the JWS <c>kid</c> or the proof's <c>verificationMethod</c>, when stated.</summary>
    public string? VerificationMethod { get; }

    /// <summary>The signature algorithm (<c>ES256</c>, <c>EdDSA</c>, …) or cryptosuite, when there is one.</summary>
    public string? Algorithm { get; }

    /// <inheritdoc />
    public override string ToString() => $"VerifiedW3cCredential({SecuringMechanism}, issuer {Issuer})";
}
