namespace Credentials.Mdoc;

/// <summary>The resolved age answer and the attestation it rests on.</summary>
/// <param name="Outcome">Over, not over, or cannot answer.</param>
/// <param name="ElementIdentifier">The <c>age_over_XX</c> element the answer rests on; null when it cannot answer.</param>
public sealed record MdocAgeAnswer(MdocAgeOutcome Outcome, string? ElementIdentifier)
{
    /// <summary><see langword="true"/> when over, <see langword="false"/> when not, <see langword="null"/> when it cannot answer.</summary>
    public bool? IsOver => Outcome switch
    {
        MdocAgeOutcome.Over => true,
        MdocAgeOutcome.NotOver => false,
        _ => null,
    };
}
