namespace Credentials.SdJwtVc;

/// <summary>One check of a credential verification and how it went, so an app can show why a credential failed.</summary>
/// <param name="Check">Which check.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="Error">The error when it failed (or, for a check that could not run, why).</param>
public sealed record VerificationCheck(CheckKind Check, CheckOutcome Outcome, VerificationError? Error = null);

/// <summary>The checks of an SD-JWT VC verification, in the order they run.</summary>
public enum CheckKind
{
    /// <summary>Structure, the algorithm allow-list and the issuer's signature.</summary>
    Signature,

    /// <summary>The issuer is trusted (its key was found) and may issue this type.</summary>
    IssuerTrust,

    /// <summary>The disclosures match the digests (RFC 9901 section 7.1) and registered claims are not disclosed.</summary>
    Disclosures,

    /// <summary>The Key Binding JWT, per the verifier's policy.</summary>
    KeyBinding,

    /// <summary><c>exp</c>, <c>nbf</c>, <c>iat</c> and the maximum age.</summary>
    Time,

    /// <summary>The credential type (<c>vct</c>) is accepted.</summary>
    CredentialType,

    /// <summary>Revocation and suspension through the Token Status List.</summary>
    Status,

    /// <summary>Type metadata: <c>vct#integrity</c>, mandatory claims and selective disclosure rules.</summary>
    TypeMetadata,
}
