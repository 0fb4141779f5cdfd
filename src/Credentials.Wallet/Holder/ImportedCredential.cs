using System;

namespace Credentials.Wallet.Holder;

/// <summary>A credential the wallet accepted and stored.</summary>
public sealed record ImportedCredential
{
    /// <summary>The wallet's id of the credential.</summary>
    public required string Id { get; init; }

    /// <summary>The credential type (<c>vct</c>).</summary>
    public required string Vct { get; init; }

    /// <summary>The issuer (<c>iss</c>), if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>The name to show, in the wallet's language (from type metadata, otherwise the <c>vct</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>Whether type metadata was resolved and the credential checked against it.</summary>
    public bool HasTypeMetadata { get; init; }

    /// <summary>Reusable, or a batch of single-use copies.</summary>
    public required CredentialUse Use { get; init; }

    /// <summary>The number of copies stored.</summary>
    public required int Copies { get; init; }

    /// <summary>When the credential (for a batch: the first copy) expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
