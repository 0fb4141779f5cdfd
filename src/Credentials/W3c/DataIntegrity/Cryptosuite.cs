using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Credentials.Keys;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// A Data Integrity cryptographic suite (VC Data Integrity 1.0 section 3): how a document and its proof options are
/// canonicalized, hashed and signed. Static singletons, compared by reference: <see cref="EddsaRdfc2022"/>,
/// <see cref="EddsaJcs2022"/>, <see cref="EcdsaRdfc2019"/> and <see cref="EcdsaJcs2019"/>.
/// </summary>
/// <remarks>
/// The ECDSA suites sign with P-256 and SHA-256, or P-384 and SHA-384, chosen by the key (VC DI ECDSA 1.0 section 3);
/// with P-384 the RDFC-1.0 canonicalization itself runs with SHA-384.
/// </remarks>
public sealed class Cryptosuite
{
    private Cryptosuite(string name, bool isEcdsa, bool usesJcs)
    {
        Name = name;
        IsEcdsa = isEcdsa;
        UsesJcs = usesJcs;
    }

    /// <summary><c>eddsa-rdfc-2022</c> (VC DI EdDSA 1.0 section 3.2): RDFC-1.0, SHA-256, Ed25519.</summary>
    public static Cryptosuite EddsaRdfc2022 { get; } = new("eddsa-rdfc-2022", isEcdsa: false, usesJcs: false);

    /// <summary><c>eddsa-jcs-2022</c> (VC DI EdDSA 1.0 section 3.3): JCS (RFC 8785), SHA-256, Ed25519.</summary>
    public static Cryptosuite EddsaJcs2022 { get; } = new("eddsa-jcs-2022", isEcdsa: false, usesJcs: true);

    /// <summary><c>ecdsa-rdfc-2019</c> (VC DI ECDSA 1.0 section 3.2): RDFC-1.0, then ECDSA with P-256/SHA-256 or P-384/SHA-384.</summary>
    public static Cryptosuite EcdsaRdfc2019 { get; } = new("ecdsa-rdfc-2019", isEcdsa: true, usesJcs: false);

    /// <summary><c>ecdsa-jcs-2019</c> (VC DI ECDSA 1.0 section 3.3): JCS (RFC 8785), then ECDSA with P-256/SHA-256 or P-384/SHA-384.</summary>
    public static Cryptosuite EcdsaJcs2019 { get; } = new("ecdsa-jcs-2019", isEcdsa: true, usesJcs: true);

    /// <summary>Every suite supported, in the order above; also the verifier's default allow-list.</summary>
    public static IReadOnlyList<Cryptosuite> All { get; } = [EddsaRdfc2022, EddsaJcs2022, EcdsaRdfc2019, EcdsaJcs2019];

    /// <summary>The <c>cryptosuite</c> value, for example <c>eddsa-rdfc-2022</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the suite canonicalizes with JCS (RFC 8785) rather than RDFC-1.0, and so needs no JSON-LD processing.</summary>
    public bool UsesJcs { get; }

    /// <summary>Whether the suite signs with ECDSA (P-256 or P-384) rather than Ed25519.</summary>
    internal bool IsEcdsa { get; }

    /// <summary>Finds a suite by its <c>cryptosuite</c> value.</summary>
    /// <param name="name">The value, for example <c>ecdsa-jcs-2019</c>.</param>
    /// <param name="suite">The suite, when known.</param>
    /// <returns><see langword="true"/> when the name is one of <see cref="All"/>.</returns>
    public static bool TryGet(string? name, [NotNullWhen(true)] out Cryptosuite? suite)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                suite = candidate;
                return true;
            }
        }

        suite = null;
        return false;
    }

    /// <summary>
    /// The signature algorithm this suite uses with a key of the given curve, or <see langword="null"/> when the suite
    /// cannot use the key: Ed25519 for the EdDSA suites (VC DI EdDSA 1.0 section 2.1.1), P-256 or P-384 for the ECDSA
    /// suites (VC DI ECDSA 1.0 section 2.1.1).
    /// </summary>
    internal JwsAlgorithm? AlgorithmFor(string? keyType, string? curve) => (IsEcdsa, keyType, curve) switch
    {
        (false, JwkKeyTypes.Okp, JwkCurves.Ed25519) => JwsAlgorithm.EdDsa,
        (true, JwkKeyTypes.EC, JwkCurves.P256) => JwsAlgorithm.Es256,
        (true, JwkKeyTypes.EC, JwkCurves.P384) => JwsAlgorithm.Es384,
        _ => null,
    };

    /// <summary>Whether a signer's algorithm fits this suite.</summary>
    internal bool CanSignWith(JwsAlgorithm algorithm)
        => IsEcdsa ? algorithm == JwsAlgorithm.Es256 || algorithm == JwsAlgorithm.Es384 : algorithm.IsEdDsa;

    /// <summary>
    /// The hash of the proof configuration and the document (and, for RDFC, inside the canonicalization): SHA-384
    /// with P-384 (VC DI ECDSA 1.0 sections 3.2.4 and 3.3.4), SHA-256 otherwise.
    /// </summary>
    internal static HashAlgorithmName HashFor(JwsAlgorithm algorithm)
        => algorithm == JwsAlgorithm.Es384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    /// <inheritdoc />
    public override string ToString() => Name;
}
