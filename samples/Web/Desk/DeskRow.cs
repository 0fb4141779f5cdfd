using System;
using System.Text.Json.Nodes;

namespace Credentials.Samples.Web.Desk;

/// <summary>One person on the desk: their claims, their credential offer and what became of it.</summary>
public sealed record DeskRow
{
    /// <summary>The row's opaque id (the offer's subject id).</summary>
    public required string Id { get; init; }

    /// <summary>The 合格証書番号.</summary>
    public required string CertificateNumber { get; init; }

    /// <summary>The person's name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The exam category code.</summary>
    public required string CategoryCode { get; init; }

    /// <summary>The credential's claims.</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>The <c>openid-credential-offer://</c> link (by reference).</summary>
    public required string OfferLink { get; init; }

    /// <summary>
    /// The subject id of the row's current offer (what the issuer hands back when a wallet redeems it). A fresh offer
    /// gets a new one, so a wallet redeeming an earlier offer of the row is refused.
    /// </summary>
    public required string OfferSubject { get; init; }

    /// <summary>
    /// Whether the current offer needs a PIN (OpenID4VCI transaction code). The PIN itself is shown once, when the offer
    /// is made, and never kept: the issuer keeps only what it needs to check it.
    /// </summary>
    public bool HasPin { get; init; }

    /// <summary>When the offer stops being usable.</summary>
    public required DateTimeOffset OfferExpiresAt { get; init; }

    /// <summary>When the row was added.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The state.</summary>
    public required DeskRowState State { get; init; }

    /// <summary>When the credential was issued, once redeemed.</summary>
    public DateTimeOffset? RedeemedAt { get; init; }

    /// <summary>The status list of the issued credential, once redeemed.</summary>
    public string? StatusListUri { get; init; }

    /// <summary>The credential's index in <see cref="StatusListUri"/>, once redeemed.</summary>
    public long? StatusIndex { get; init; }

    /// <summary>Whether the offer has expired without being redeemed.</summary>
    /// <param name="now">The current time.</param>
    public bool IsExpired(DateTimeOffset now) => State == DeskRowState.Offered && now >= OfferExpiresAt;
}
