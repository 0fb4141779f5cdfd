using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>What a key attestation states (OpenID4VCI 1.0 appendix D.1).</summary>
public sealed record KeyAttestationRequest
{
    /// <summary>The attested public keys (<c>attested_keys</c>), all from the same key storage component; at least one.</summary>
    public required IReadOnlyList<Jwk> AttestedKeys { get; init; }

    /// <summary>The attack potential resistance of the key storage (<c>key_storage</c>), for example <see cref="KeyAttestation.Iso18045High"/>. Default none.</summary>
    public IReadOnlyList<string>? KeyStorage { get; init; }

    /// <summary>The attack potential resistance of the user authentication guarding the keys (<c>user_authentication</c>). Default none.</summary>
    public IReadOnlyList<string>? UserAuthentication { get; init; }

    /// <summary>The Credential Issuer's <c>c_nonce</c> (<c>nonce</c>), required by issuers with a Nonce Endpoint. Default none.</summary>
    public string? Nonce { get; init; }

    /// <summary>A URL of the key storage component's certification (<c>certification</c>). Default none.</summary>
    public string? Certification { get; init; }

    /// <summary>The expiry of the attestation and its keys (<c>exp</c>); default <see cref="KeyAttestationIssuerOptions.Lifetime"/> from now. Required by the <c>jwt</c> proof type.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A status reference (<c>status</c>, for example a Token Status List entry). Default none.</summary>
    public JsonObject? Status { get; init; }
}
