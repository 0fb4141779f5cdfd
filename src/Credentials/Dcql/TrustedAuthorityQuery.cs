using System.Collections.Immutable;

namespace Credentials.Dcql;

/// <summary>A Trusted Authorities Query (OpenID4VP 1.0 section 6.1.1): the Verifier accepts issuers certified by one of these authorities.</summary>
public sealed record TrustedAuthorityQuery
{
    /// <summary>The type, for example <see cref="TrustedAuthorityTypes.Aki"/>; unknown types are kept and match nothing.</summary>
    public required string Type { get; init; }

    /// <summary>The type-specific values; non-empty.</summary>
    public required ImmutableArray<string> Values { get; init; }
}
