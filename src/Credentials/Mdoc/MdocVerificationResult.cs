using System.Collections.Immutable;

namespace Credentials.Mdoc;

/// <summary>
/// The outcome of verifying an mdoc DeviceResponse or IssuerSigned: the verified documents as <c>Value</c> when valid,
/// the first error otherwise, and every check with its outcome either way. Never thrown.
/// </summary>
public sealed class MdocVerificationResult : VerificationResult<MdocVerifiedResponse>
{
    internal MdocVerificationResult(MdocVerifiedResponse? value, VerificationError? error, ImmutableArray<MdocVerificationCheck> checks)
        : base(value, error)
    {
        Checks = checks;
    }

    /// <summary>Every check in order, with its outcome.</summary>
    public ImmutableArray<MdocVerificationCheck> Checks { get; }

    /// <summary>The outcome of one check: <see cref="CheckOutcome.Failed"/> when it failed for any document, <see cref="CheckOutcome.NotReached"/> when it did not run.</summary>
    /// <param name="check">The check.</param>
    public CheckOutcome OutcomeOf(MdocCheckKind check)
    {
        var outcome = CheckOutcome.NotReached;
        foreach (var c in Checks)
        {
            if (c.Check == check)
            {
                if (c.Outcome == CheckOutcome.Failed)
                {
                    return CheckOutcome.Failed;
                }

                outcome = c.Outcome;
            }
        }

        return outcome;
    }
}
