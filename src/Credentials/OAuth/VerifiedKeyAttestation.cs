using System;
using System.Collections.Generic;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>A key attestation that passed every check of a <see cref="KeyAttestationValidator"/>.</summary>
public sealed record VerifiedKeyAttestation
{
    /// <summary>The attested public keys (<c>attested_keys</c>), in order.</summary>
    public required IReadOnlyList<Jwk> AttestedKeys { get; init; }

    /// <summary>The stated <c>key_storage</c> levels (empty when absent).</summary>
    public required IReadOnlyList<string> KeyStorage { get; init; }

    /// <summary>The stated <c>user_authentication</c> levels (empty when absent).</summary>
    public required IReadOnlyList<string> UserAuthentication { get; init; }

    /// <summary>The attester's key that signed (a trusted key, or the leaf of its <c>x5c</c> chain).</summary>
    public required Jwk AttesterKey { get; init; }

    /// <summary>The <c>iss</c> claim, if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>iat</c> claim.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The <c>exp</c> claim, if any.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The <c>nonce</c> claim (a <c>c_nonce</c>), if any; the issuer checks it against its store.</summary>
    public string? Nonce { get; init; }

    /// <summary>The <c>certification</c> URL, if any.</summary>
    public string? Certification { get; init; }

    /// <summary>The algorithm the attestation was signed with.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Whether <paramref name="key"/> is one of the attested keys (compared by RFC 7638 thumbprint).</summary>
    /// <param name="key">A public key.</param>
    /// <returns><see langword="true"/> when attested.</returns>
    public bool Attests(Jwk key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var thumbprint = key.ComputeThumbprint();
        foreach (var attested in AttestedKeys)
        {
            if (string.Equals(attested.ComputeThumbprint(), thumbprint, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
