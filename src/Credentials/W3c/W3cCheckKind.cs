namespace Credentials.W3c;

/// <summary>
/// The checks of a W3C credential or presentation verification, whatever secures it (VC-JOSE-COSE, Data Integrity).
/// A result lists the checks that apply to it in this order.
/// </summary>
public enum W3cCheckKind
{
    /// <summary>The securing mechanism: structure, media type, the algorithm allow-list and the signature.</summary>
    Proof,

    /// <summary>The issuer's key was found and trusted, and it belongs to the credential's issuer.</summary>
    IssuerTrust,

    /// <summary>The holder's key (of a presentation) was found and trusted, and it belongs to the holder.</summary>
    HolderTrust,

    /// <summary>The document conforms to the W3C Verifiable Credentials Data Model 2.0.</summary>
    DataModel,

    /// <summary><c>validFrom</c> and <c>validUntil</c>, and the securing mechanism's own times (for example JWT <c>exp</c> and <c>nbf</c>).</summary>
    ValidityPeriod,

    /// <summary>The credential's status (<c>credentialStatus</c>): not revoked or suspended.</summary>
    Status,

    /// <summary>The credentials a presentation carries verify.</summary>
    Credentials,
}
