using System.Collections.Immutable;
using Credentials.Keys;

namespace Credentials.Trust;

/// <summary>An issuer a verifier trusts: its identifier, its keys (or none, when they come from its DID), and the types it may issue.</summary>
public sealed record TrustedIssuer
{
    /// <summary>The issuer identifier, as in <c>iss</c>: an HTTPS URL or a DID.</summary>
    public required string Issuer { get; init; }

    /// <summary>A display name for people.</summary>
    public string? Name { get; init; }

    /// <summary>The issuer's public keys. Empty for a DID issuer whose keys are resolved from its DID document.</summary>
    public ImmutableArray<Jwk> Keys { get; init; } = [];

    /// <summary>The <c>vct</c> values this issuer may issue; <c>*</c> allows any.</summary>
    public ImmutableArray<string> CredentialTypes { get; init; } = [];
}
