using System.Collections.Immutable;

namespace Credentials.Dcql;

/// <summary>A Credential Query (OpenID4VP 1.0 section 6.1): a request for a presentation of one or more matching credentials.</summary>
public sealed record CredentialQuery
{
    /// <summary>The identifier: non-empty, alphanumerics, <c>_</c> and <c>-</c>; unique in the query. Keys the response.</summary>
    public required string Id { get; init; }

    /// <summary>The Credential Format Identifier, for example <see cref="DcqlFormats.SdJwtVc"/>.</summary>
    public required string Format { get; init; }

    /// <summary>Whether several credentials may be returned for this query. Default <see langword="false"/>.</summary>
    public bool Multiple { get; init; }

    /// <summary>Format-specific metadata constraints.</summary>
    public CredentialQueryMeta Meta { get; init; } = CredentialQueryMeta.Empty;

    /// <summary>The accepted trust authorities, or <see langword="null"/> when any issuer is acceptable.</summary>
    public ImmutableArray<TrustedAuthorityQuery>? TrustedAuthorities { get; init; }

    /// <summary>Whether a Cryptographic Holder Binding proof is required. Default <see langword="true"/>.</summary>
    public bool RequireCryptographicHolderBinding { get; init; } = true;

    /// <summary>The requested claims, or <see langword="null"/> when only mandatory claims are requested (section 6.4.1).</summary>
    public ImmutableArray<ClaimsQuery>? Claims { get; init; }

    /// <summary>Alternative combinations of claim ids, most preferred first, or <see langword="null"/> when all <see cref="Claims"/> are requested.</summary>
    public ImmutableArray<ImmutableArray<string>>? ClaimSets { get; init; }
}
