namespace Credentials.Wallet.OpenId4Vci;

/// <summary>What the user accepted: which offered configuration, the PIN, and how many single-use copies.</summary>
public sealed record CredentialReceiveRequest
{
    /// <summary>The configuration to request; the offer's first when <see langword="null"/>.</summary>
    public string? CredentialConfigurationId { get; init; }

    /// <summary>The Transaction Code the user entered, when the offer requires one.</summary>
    public string? TransactionCode { get; init; }

    /// <summary>
    /// How many copies to request, each bound to a fresh holder key. 1 (the default) stores a reusable credential; more
    /// stores a single-use batch. Capped at the issuer's <c>batch_size</c>.
    /// </summary>
    public int Copies { get; init; } = 1;

    /// <inheritdoc />
    public override string ToString() => $"CredentialReceiveRequest({CredentialConfigurationId}, copies={Copies})";
}
