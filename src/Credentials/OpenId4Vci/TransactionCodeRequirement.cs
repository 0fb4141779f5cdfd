namespace Credentials.OpenId4Vci;

/// <summary>
/// The <c>tx_code</c> object of a Pre-Authorized Code grant (OpenID4VCI 1.0 section 4.1.1): its presence, even empty,
/// means the Token Request must carry a Transaction Code (a PIN sent to the End-User over a second channel).
/// </summary>
public sealed record TransactionCodeRequirement
{
    /// <summary>The maximum length of <see cref="Description"/> (section 4.1.1: it MUST NOT exceed 300 characters).</summary>
    public const int MaxDescriptionLength = 300;

    /// <summary>The input character set; written only when set. Absent means <see cref="TransactionCodeInputMode.Numeric"/>.</summary>
    public TransactionCodeInputMode? InputMode { get; init; }

    /// <summary>The code's length, to help the Wallet render the input screen.</summary>
    public int? Length { get; init; }

    /// <summary>Guidance on how to obtain the code (not internationalized; at most 300 characters).</summary>
    public string? Description { get; init; }

    /// <summary>The effective input mode (<see cref="TransactionCodeInputMode.Numeric"/> when absent).</summary>
    public TransactionCodeInputMode EffectiveInputMode => InputMode ?? TransactionCodeInputMode.Numeric;
}
