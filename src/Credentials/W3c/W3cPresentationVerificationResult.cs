using System.Collections.Immutable;

namespace Credentials.W3c;

/// <summary>
/// The outcome of verifying a W3C presentation: the presentation as <c>Value</c> when valid, the first error
/// otherwise, every check with its outcome, and the result of each presented credential that was verified.
/// </summary>
public sealed class W3cPresentationVerificationResult : VerificationResult<VerifiedW3cPresentation>
{
    internal W3cPresentationVerificationResult(VerifiedW3cPresentation? presentation, VerificationError? error, ImmutableArray<W3cVerificationCheck> checks, ImmutableArray<W3cVerificationResult> credentialResults)
        : base(presentation, error)
    {
        Checks = checks;
        CredentialResults = credentialResults;
    }

    /// <summary>Every check that applies, in order, with its outcome.</summary>
    public ImmutableArray<W3cVerificationCheck> Checks { get; }

    /// <summary>The result of each presented credential that was verified, in order (with its own checks), failed ones included.</summary>
    public ImmutableArray<W3cVerificationResult> CredentialResults { get; }

    /// <summary>The outcome of one check.</summary>
    /// <param name="check">The check.</param>
    /// <returns>The outcome; <see cref="CheckOutcome.NotReached"/> when verification stopped before it or it does not apply.</returns>
    public CheckOutcome OutcomeOf(W3cCheckKind check) => W3cChecks.OutcomeOf(Checks, check);
}
