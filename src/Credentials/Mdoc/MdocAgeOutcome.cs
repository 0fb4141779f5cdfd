namespace Credentials.Mdoc;

/// <summary>The answer to "is the holder at least NN years old?" from <c>age_over_XX</c> attestations.</summary>
public enum MdocAgeOutcome
{
    /// <summary>No attestation answers the question (for example only <c>age_over_18</c> true and <c>age_over_21</c> false, asked 20).</summary>
    CannotAnswer,

    /// <summary>The holder is at least NN.</summary>
    Over,

    /// <summary>The holder is younger than NN.</summary>
    NotOver,
}
