namespace Credentials;

/// <summary>
/// The broad category of a verification failure: a small closed set a caller can <c>switch</c> on.
/// The precise reason is the <see cref="VerificationError.Code"/>.
/// </summary>
public enum VerificationFailureKind
{
    /// <summary>The input is not well-formed (encoding, JSON, structure, size limits).</summary>
    Malformed,

    /// <summary>The algorithm is not on the verifier's allow-list, or the key cannot be used with it.</summary>
    UnsupportedAlgorithm,

    /// <summary>A signature did not verify.</summary>
    InvalidSignature,

    /// <summary>The issuer or its key is not trusted, or the key could not be found.</summary>
    UntrustedIssuer,

    /// <summary>The token or credential has expired.</summary>
    Expired,

    /// <summary>The token or credential is not valid yet.</summary>
    NotYetValid,

    /// <summary>A selective disclosure is invalid (unreferenced, duplicated, colliding, or of the wrong shape).</summary>
    InvalidDisclosure,

    /// <summary>Key binding failed (missing, wrong key, wrong audience, nonce, hash or time).</summary>
    KeyBindingFailed,

    /// <summary>The credential has been revoked or suspended.</summary>
    Revoked,

    /// <summary>The input is valid but not acceptable under the verifier's policy.</summary>
    PolicyViolation,

    /// <summary>Something needed for verification could not be obtained (a DID document, a key, a status list).</summary>
    ResolutionFailed,
}
