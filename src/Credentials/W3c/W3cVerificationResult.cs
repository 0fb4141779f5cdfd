using System.Collections.Immutable;

namespace Credentials.W3c;

/// <summary>
/// The outcome of verifying a W3C credential, whatever secures it: a <see cref="VerificationResult{T}"/> (the
/// credential as <c>Value</c> when valid, the first error otherwise) that also reports every check with its
/// outcome either way. Never thrown.
/// </summary>
public sealed class W3cVerificationResult : VerificationResult<VerifiedW3cCredential>
{
    internal W3cVerificationResult(VerifiedW3cCredential? credential, VerificationError? error, ImmutableArray<W3cVerificationCheck> checks)
        : base(credential, error)
    {
        Checks = checks;
    }

    /// <summary>Every check that applies, in order, with its outcome.</summary>
    public ImmutableArray<W3cVerificationCheck> Checks { get; }

    /// <summary>The outcome of one check.</summary>
    /// <param name="check">The check.</param>
    /// <returns>The outcome; <see cref="CheckOutcome.NotReached"/> when verification stopped before it or it does not apply.</returns>
    public CheckOutcome OutcomeOf(W3cCheckKind check) => W3cChecks.OutcomeOf(Checks, check);
}
