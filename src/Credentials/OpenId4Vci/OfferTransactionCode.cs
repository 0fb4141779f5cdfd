
namespace Credentials.OpenId4Vci;

/// <summary>
/// A Transaction Code (PIN) for a Pre-Authorized Code offer (OpenID4VCI 1.0 section 4.1.1): the app sends it to the
/// End-User over a second channel; the Wallet must present it at the token endpoint.
/// </summary>
public sealed record OfferTransactionCode
{
    /// <summary>The code; generated randomly (with <see cref="Length"/> and <see cref="InputMode"/>) when <see langword="null"/>.</summary>
    public string? Value { get; init; }

    /// <summary>The length of a generated code (and the <c>length</c> shown to the Wallet). Default 6.</summary>
    public int Length { get; init; } = 6;

    /// <summary>The character set. Default <see cref="TransactionCodeInputMode.Numeric"/>.</summary>
    public TransactionCodeInputMode InputMode { get; init; } = TransactionCodeInputMode.Numeric;

    /// <summary>Guidance for the End-User (at most 300 characters), for example where the code was sent.</summary>
    public string? Description { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"OfferTransactionCode({InputMode}, length {Length})";
}
