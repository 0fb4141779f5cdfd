using System;

namespace Credentials.Wallet.Holder;

/// <summary>A credential the wallet accepted and stored.</summary>
public sealed record ImportedCredential
{
    /// <summary>The ISO mdoc document type (<c>mso_mdoc</c>), if any.</summary>
    public string? DocType { get; init; }

    /// <summary>The wallet's id of the credential.</summary>
    public required string Id { get; init; }

    /// <summary>The credential format, for example <c>dc+sd-jwt</c>, <c>ldp_vc</c> or <c>jwt_vc_json</c>.</summary>
    public string Format { get; init; } = Dcql.DcqlFormats.SdJwtVc;

    /// <summary>For a W3C credential, its <c>type</c> values as written; empty otherwise.</summary>
    public System.Collections.Immutable.ImmutableArray<string> Types { get; init; } = [];

    /// <summary>For a W3C credential, the id of the wallet key its subject's DID (<c>did:key</c>, <c>did:jwk</c>) names.</summary>
    public string? HolderKeyId { get; init; }

    /// <summary>The credential type (<c>vct</c>; for a W3C credential, its last <c>type</c> value).</summary>
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
