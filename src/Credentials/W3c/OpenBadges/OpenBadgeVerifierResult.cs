using System.Collections.Immutable;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// The outcome of <see cref="OpenBadgeVerifier"/>: a <see cref="VerificationResult{T}"/> (the verified credential as
/// <c>Value</c> when valid, the first error otherwise) that also tells how the credential was found and reports every
/// check of its verification. Never thrown.
/// </summary>
public sealed class OpenBadgeVerifierResult : VerificationResult<VerifiedW3cCredential>
{
    internal OpenBadgeVerifierResult(
        VerifiedW3cCredential? credential,
        VerificationError? error,
        OpenBadgeVerifierFormat format,
        string? credentialText,
        ImmutableArray<W3cVerificationCheck> checks)
        : base(credential, error)
    {
        Format = format;
        CredentialText = credentialText;
        Checks = checks.IsDefault ? [] : checks;
    }

    /// <summary>How the credential was found: baked in a PNG or SVG, JSON, or a compact JWS.</summary>
    public OpenBadgeVerifierFormat Format { get; }

    /// <summary>
    /// The credential as found (the JSON or the compact JWS, also when baked), or <see langword="null"/> when none
    /// could be found (a <c>bake.*</c> error).
    /// </summary>
    public string? CredentialText { get; }

    /// <summary>
    /// The checks of the credential's verification, in order, with their outcomes (see <see cref="W3cVerificationResult.Checks"/>);
    /// empty when no credential could be found.
    /// </summary>
    public ImmutableArray<W3cVerificationCheck> Checks { get; }

    /// <summary>The outcome of one check.</summary>
    /// <param name="check">The check.</param>
    /// <returns>The outcome; <see cref="CheckOutcome.NotReached"/> when verification stopped before it or it does not apply.</returns>
    public CheckOutcome OutcomeOf(W3cCheckKind check) => W3cChecks.OutcomeOf(Checks, check);

    /// <inheritdoc />
    public override string ToString() => $"{Format}: {base.ToString()}";
}
