using System;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <summary>A key proof whose signature, type, audience and time were checked. The nonce still has to be checked against the issuer's store.</summary>
public sealed record VerifiedKeyProof
{
    /// <summary>The proved public key (the header's <c>jwk</c>, or the key of the <c>kid</c> DID URL), which the credential is bound to as <c>cnf.jwk</c>.</summary>
    public required Jwk Key { get; init; }

    /// <summary>The holder's DID when the proof named its key by a <c>kid</c> DID URL (<see cref="KeyProofValidationParameters.DidMethods"/>), otherwise <see langword="null"/>.</summary>
    public string? Did { get; init; }

    /// <summary>The <c>nonce</c> claim, if any.</summary>
    public string? Nonce { get; init; }

    /// <summary>The <c>iat</c> claim.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The <c>iss</c> claim (the client id), if any.</summary>
    public string? ClientId { get; init; }

    /// <summary>The proof's key attestation (<c>key_attestation</c> header), when <see cref="KeyProofValidationParameters.KeyAttestation"/> required one.</summary>
    public Credentials.OAuth.VerifiedKeyAttestation? KeyAttestation { get; init; }

    /// <summary>The algorithm the proof was signed with.</summary>
    public required string Algorithm { get; init; }
}
