using System.Collections.Immutable;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// The outcome of <see cref="OpenBadgeVerifier"/>: a <see cref="VerificationResult{T}"/> (the verified credential as
/// <c>Value</c> when valid, the first error otherwise) that also tells how the credential was found, reports every
/// check of its verification, and gives its Open Badges view (<see cref="Badge"/>). Never thrown.
/// </summary>
public sealed class OpenBadgeVerifierResult : VerificationResult<VerifiedW3cCredential>
{
    internal OpenBadgeVerifierResult(
        VerifiedW3cCredential? credential,
        VerificationError? error,
        OpenBadgeVerifierFormat format,
        string? credentialText,
        ImmutableArray<W3cVerificationCheck> checks,
        OpenBadgeCredential? badge = null,
        CheckOutcome model = CheckOutcome.NotReached,
        CheckOutcome schema = CheckOutcome.NotReached)
        : base(credential, error)
    {
        Format = format;
        CredentialText = credentialText;
        Checks = checks.IsDefault ? [] : checks;
        Badge = badge;
        Model = model;
        Schema = schema;
    }

    /// <summary>The Open Badges view of the verified credential: always set when the result is valid.</summary>
    public OpenBadgeCredential? Badge { get; }

    /// <summary>
    /// The Open Badges data model check (<see cref="OpenBadgeCredential.From(W3cCredential)"/>: type, contexts, issuer
    /// profile, achievement subject), run after the W3C checks passed.
    /// </summary>
    public CheckOutcome Model { get; }

    /// <summary>
    /// The 1EdTech JSON Schema check (<see cref="OpenBadgeSchemaValidator"/>), run after the model check passed;
    /// <see cref="CheckOutcome.NotChecked"/> when <see cref="OpenBadgeVerifierOptions.ValidateSchema"/> is off.
    /// </summary>
    public CheckOutcome Schema { get; }

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
