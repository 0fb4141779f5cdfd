using Credentials.OpenId4Vci;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// A Credential Offer with the issuer's metadata and its Authorization Server's metadata, fetched and checked. Show the
/// user <see cref="Metadata"/>'s display data (and the PIN prompt when <see cref="TransactionCode"/> is set) before
/// accepting.
/// </summary>
public sealed record ResolvedCredentialOffer
{
    /// <summary>The offer.</summary>
    public required CredentialOffer Offer { get; init; }

    /// <summary>The Credential Issuer Metadata (its <c>credential_issuer</c> equals the offer's).</summary>
    public required CredentialIssuerMetadata Metadata { get; init; }

    /// <summary>The Authorization Server Metadata (its <c>issuer</c> equals the Authorization Server identifier it was fetched for).</summary>
    public required AuthorizationServerMetadata AuthorizationServer { get; init; }

    /// <summary>The Transaction Code the user must enter, if the Pre-Authorized Code grant requires one.</summary>
    public TransactionCodeRequirement? TransactionCode => Offer.PreAuthorizedCode?.TxCode;

    /// <inheritdoc />
    public override string ToString() => $"ResolvedCredentialOffer({Offer.CredentialIssuer})";
}
