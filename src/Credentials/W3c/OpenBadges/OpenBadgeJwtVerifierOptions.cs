using System;
using System.Collections.Generic;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Options for <see cref="OpenBadgeJwtVerifier"/>: the algorithms, the keys bound to issuers, the clock and the limits.
/// The verifier, not the token, chooses the algorithms. Immutable.
/// </summary>
public sealed record OpenBadgeJwtVerifierOptions
{
    /// <summary>The <c>alg</c> name of RSASSA-PKCS1-v1_5 with SHA-256, which section 8.2.3 requires every verifier to support.</summary>
    public const string Rs256 = OpenBadgeJwtRsa.Rs256;

    /// <summary>The default options.</summary>
    public static OpenBadgeJwtVerifierOptions Default { get; } = new();

    /// <summary>
    /// The <c>alg</c> names accepted: <see cref="Rs256"/> and the names of <see cref="JwsAlgorithm.All"/>. Default
    /// <c>RS256</c>, <c>EdDSA</c>, <c>Ed25519</c>, <c>ES256</c>, <c>ES384</c>. <c>RS256</c> is accepted here only,
    /// never by the library's other verifiers; remove it to accept elliptic-curve signatures only.
    /// </summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = [Rs256, "EdDSA", "Ed25519", "ES256", "ES384"];

    /// <summary>The shortest RSA modulus accepted, in bits. Default and minimum 2048 (RFC 7518 section 3.3); at most 8192.</summary>
    public int MinimumRsaKeySize { get; init; } = OpenBadgeJwtRsa.MinModulusBits;

    /// <summary>
    /// Public keys bound to issuers, by issuer id (the credential's <c>issuer.id</c>, exactly). A token whose key
    /// (its <c>jwk</c> header, or the configured key whose <c>kid</c> its header names) is among its issuer's keys
    /// passes <see cref="W3cCheckKind.IssuerTrust"/>; a token of a listed issuer signed with another key fails with
    /// <see cref="VcErrors.IssuerKeyMismatch"/>; a token of an issuer not listed fails with
    /// <see cref="VcErrors.UntrustedIssuer"/> unless its key is bound through its DID. Keys are compared by their RFC
    /// 7638 thumbprint. Default <see langword="null"/>: no keys configured.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Jwk>>? IssuerKeys { get; init; }

    /// <summary>
    /// The issuers to trust (their <c>issuer.id</c>, exactly). When set, a credential from any other issuer fails with
    /// <see cref="VcErrors.UntrustedIssuer"/>, and one from a listed issuer whose key nothing binds to it fails with
    /// <see cref="VcErrors.IssuerKeyMismatch"/>. Default <see langword="null"/>.
    /// </summary>
    public IReadOnlySet<string>? TrustedIssuers { get; init; }

    /// <summary>
    /// Whether <c>nbf</c> (and <c>exp</c>, when the credential has <c>validUntil</c>) must be present, as section
    /// 8.2.4.1 says. Default <see langword="false"/>: the signed examples of the specification itself carry neither, so
    /// by default they are checked against <c>validFrom</c>/<c>validUntil</c> only when present.
    /// </summary>
    public bool RequireTimeClaims { get; init; }

    /// <summary>The clock, for <c>validFrom</c>, <c>validUntil</c>, <c>nbf</c> and <c>exp</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance for clock differences. Default 60 seconds; at most one day.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Limits for the JWS (length, JSON depth). Default <see cref="JwsReaderOptions.Default"/>.</summary>
    public JwsReaderOptions Jws { get; init; } = JwsReaderOptions.Default;

    /// <summary>Checks every option, so that none can fail later.</summary>
    /// <exception cref="ArgumentException">An option is null, empty or out of range.</exception>
    internal void Validate(string paramName)
    {
        if (AllowedAlgorithms is null || TimeProvider is null || Jws is null)
        {
            throw new ArgumentException("The options must not have null members.", paramName);
        }

        if (AllowedAlgorithms.Count == 0)
        {
            throw new ArgumentException("The verifier must allow at least one algorithm.", paramName);
        }

        foreach (var name in AllowedAlgorithms)
        {
            if (!string.Equals(name, Rs256, StringComparison.Ordinal) && !JwsAlgorithm.TryGet(name, out _))
            {
                throw new ArgumentException($"The algorithm '{name}' is not one this verifier can check.", paramName);
            }
        }

        if (MinimumRsaKeySize < OpenBadgeJwtRsa.MinModulusBits || MinimumRsaKeySize > OpenBadgeJwtRsa.MaxModulusBits)
        {
            throw new ArgumentException($"MinimumRsaKeySize must be between {OpenBadgeJwtRsa.MinModulusBits} and {OpenBadgeJwtRsa.MaxModulusBits}.", paramName);
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("ClockSkew must be between zero and one day.", paramName);
        }

        if (IssuerKeys is not null)
        {
            foreach (var (issuer, keys) in IssuerKeys)
            {
                if (string.IsNullOrEmpty(issuer) || keys is null)
                {
                    throw new ArgumentException("IssuerKeys must map non-empty issuer ids to key lists.", paramName);
                }

                foreach (var key in keys)
                {
                    if (key is null || key.HasPrivateKey || key.Kty is not (JwkKeyTypes.EC or JwkKeyTypes.Okp or JwkKeyTypes.Rsa))
                    {
                        throw new ArgumentException("IssuerKeys must hold EC, OKP or RSA public keys only.", paramName);
                    }
                }
            }
        }

        Jws.Validate(paramName);
    }
}
