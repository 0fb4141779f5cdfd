using System;
using System.Collections.Immutable;

namespace Credentials.W3c;

/// <summary>
/// Records the checks of one verification as they run, for any securing mechanism; the checks that never ran are
/// reported as <see cref="CheckOutcome.NotReached"/>. Not thread-safe (one per verification).
/// </summary>
internal sealed class W3cChecks
{
    private static readonly int s_kinds = Enum.GetValues<W3cCheckKind>().Length;
    private readonly W3cCheckKind[] _applicable;
    private readonly W3cVerificationCheck?[] _checks = new W3cVerificationCheck?[s_kinds];

    public W3cChecks(params W3cCheckKind[] applicable)
    {
        _applicable = applicable;
    }

    /// <summary>The checks of a credential verification.</summary>
    public static W3cChecks ForCredential() => new(W3cCheckKind.Proof, W3cCheckKind.IssuerTrust, W3cCheckKind.DataModel, W3cCheckKind.ValidityPeriod, W3cCheckKind.Status);

    /// <summary>The checks of a presentation verification.</summary>
    public static W3cChecks ForPresentation() => new(W3cCheckKind.Proof, W3cCheckKind.HolderTrust, W3cCheckKind.DataModel, W3cCheckKind.ValidityPeriod, W3cCheckKind.Credentials);

    /// <summary>Takes over the checks another verifier reported, to carry on from them.</summary>
    public static W3cChecks ForCredential(ImmutableArray<W3cVerificationCheck> reported)
    {
        var checks = ForCredential();
        foreach (var check in reported)
        {
            if (check.Outcome != CheckOutcome.NotReached)
            {
                checks._checks[(int)check.Check] = check;
            }
        }

        return checks;
    }

    public void Pass(W3cCheckKind kind) => _checks[(int)kind] = new W3cVerificationCheck(kind, CheckOutcome.Passed);

    public void NotChecked(W3cCheckKind kind, VerificationError? why = null) => _checks[(int)kind] = new W3cVerificationCheck(kind, CheckOutcome.NotChecked, why);

    public VerificationError Fail(W3cCheckKind kind, VerificationError error)
    {
        _checks[(int)kind] = new W3cVerificationCheck(kind, CheckOutcome.Failed, error);
        return error;
    }

    public W3cVerificationResult Failure(W3cCheckKind kind, VerificationError error) => new(null, Fail(kind, error), Build());

    public W3cVerificationResult Success(VerifiedW3cCredential credential) => new(credential, null, Build());

    public ImmutableArray<W3cVerificationCheck> Build()
    {
        var builder = ImmutableArray.CreateBuilder<W3cVerificationCheck>(_applicable.Length);
        foreach (var kind in _applicable)
        {
            builder.Add(_checks[(int)kind] ?? new W3cVerificationCheck(kind, CheckOutcome.NotReached));
        }

        return builder.MoveToImmutable();
    }

    public static CheckOutcome OutcomeOf(ImmutableArray<W3cVerificationCheck> checks, W3cCheckKind kind)
    {
        foreach (var c in checks)
        {
            if (c.Check == kind)
            {
                return c.Outcome;
            }
        }

        return CheckOutcome.NotReached;
    }
}
