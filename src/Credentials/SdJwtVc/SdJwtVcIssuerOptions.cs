using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Credentials.Keys;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc;

/// <summary>Options for <see cref="SdJwtVcIssuer"/>.</summary>
public sealed record SdJwtVcIssuerOptions
{
    /// <summary>The issuer identifier written as <c>iss</c> (an HTTPS URL or a DID). Optional in the profile; set it so verifiers can find your keys.</summary>
    public string? Issuer { get; init; }

    /// <summary>The clock for <c>iat</c>, <c>nbf</c> and <c>exp</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The default lifetime (<c>exp</c> = <c>iat</c> + validity) when a credential does not set its own expiry; none when null.</summary>
    public TimeSpan? DefaultValidity { get; init; }

    /// <summary>The hash algorithm for disclosures. Default <c>sha-256</c>.</summary>
    public SdHashAlgorithm HashAlgorithm { get; init; } = SdHashAlgorithm.Sha256;

    /// <summary>The salt source. Default: 128 bits from the CSPRNG.</summary>
    public ISaltGenerator SaltGenerator { get; init; } = RandomSaltGenerator.Instance;

    /// <summary>Further JWS header parameters (for example <c>x5c</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? ExtraHeaders { get; init; }

    /// <summary>
    /// The issuer's X.509 certificate chain, written as the <c>x5c</c> header (RFC 7515 section 4.1.6) for verifiers
    /// that resolve the issuer key from it (draft-ietf-oauth-sd-jwt-vc-25 section 3.5; OpenID4VC HAIP 1.0 requires
    /// it). The chain's trailing self-signed trust anchor, if any, is left out. The leaf's public key must be the
    /// signer's (checked when the signer reveals its public key) and, when <see cref="Issuer"/> is set, <c>iss</c> must
    /// be one of the leaf's subject alternative names (a URI, or the DNS name of an HTTPS issuer). The chain is read
    /// once, when the issuer is built; the issuer does not dispose it. <see langword="null"/> (the default): no
    /// <c>x5c</c>.
    /// </summary>
    public X509CertificateChain? CertificateChain { get; init; }

    /// <summary>
    /// The precision of <c>iat</c>: the issuance time is rounded down to a whole multiple of this span since the Unix
    /// epoch (for example <c>TimeSpan.FromDays(1)</c> writes midnight UTC), so that credentials issued together, such
    /// as a batch, do not share an exact second that links them. A whole number of seconds, from one second to 366
    /// days; <see langword="null"/> (the default) writes the exact second.
    /// </summary>
    public TimeSpan? IssuedAtPrecision { get; init; }

    /// <summary>
    /// A window to blur <c>iat</c> within: after any rounding to <see cref="IssuedAtPrecision"/>, <c>iat</c> is moved
    /// back by a whole number of seconds drawn uniformly from [0, window) by the operating system's CSPRNG, separately
    /// for each credential. At most 366 days; <see langword="null"/> (the default) for none. <c>iat</c> only ever
    /// moves back, never into the future.
    /// </summary>
    public TimeSpan? IssuedAtRandomization { get; init; }

    /// <summary>The longest <see cref="IssuedAtPrecision"/> and <see cref="IssuedAtRandomization"/> accepted: 366 days.</summary>
    public static TimeSpan MaxIssuedAtBlur { get; } = TimeSpan.FromDays(366);
}
