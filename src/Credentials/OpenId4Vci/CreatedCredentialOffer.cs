using System;

namespace Credentials.OpenId4Vci;

/// <summary>An offer made by <see cref="OpenId4VciIssuer.CreateOfferAsync"/>: the links to show (as QR code or link) and the PIN to send separately.</summary>
public sealed record CreatedCredentialOffer
{
    /// <summary>The offer object (it contains the Pre-Authorized Code: treat as a secret).</summary>
    public required CredentialOffer Offer { get; init; }

    /// <summary><c>openid-credential-offer://?credential_offer=…</c> (the offer by value).</summary>
    public required string ByValueLink { get; init; }

    /// <summary><c>openid-credential-offer://?credential_offer_uri=…</c> (the offer by reference; shorter, better for QR codes).</summary>
    public required string ByReferenceLink { get; init; }

    /// <summary>The URL serving the offer object until it expires.</summary>
    public required string OfferUri { get; init; }

    /// <summary>The Transaction Code to send to the End-User over a second channel, if the offer requires one.</summary>
    public string? TransactionCode { get; init; }

    /// <summary>When the Pre-Authorized Code stops being usable.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"CreatedCredentialOffer({string.Join(", ", Offer.CredentialConfigurationIds)}, expires {ExpiresAt:O})";
}
