using System;
using System.Collections.Generic;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Credentials.Keys;

namespace Credentials;

/// <summary>
/// A JWS signature algorithm (RFC 7518, RFC 8037, RFC 8812, RFC 9864). Instances are singletons; compare by reference.
/// </summary>
/// <remarks>
/// Only asymmetric algorithms exist here: <c>none</c> and the symmetric <c>HS*</c> family are never accepted for
/// credentials (RFC 8725 section 3.1, RFC 9901 section 5.1).
/// </remarks>
public sealed class JwsAlgorithm
{
    private static readonly FrozenDictionary<string, JwsAlgorithm> s_byName;

    private JwsAlgorithm(string name, string keyType, string curve, HashAlgorithmName hash, int signatureSize)
    {
        Name = name;
        KeyType = keyType;
        Curve = curve;
        Hash = hash;
        SignatureSize = signatureSize;
    }

    static JwsAlgorithm()
    {
        var all = new[] { EdDsa, Ed25519, Es256, Es384, Es256K };
        All = all;
        var map = new Dictionary<string, JwsAlgorithm>(StringComparer.Ordinal);
        foreach (var a in all)
        {
            map[a.Name] = a;
        }

        s_byName = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary><c>EdDSA</c> with an Ed25519 key (RFC 8037).</summary>
    public static JwsAlgorithm EdDsa { get; } = new("EdDSA", JwkKeyTypes.Okp, JwkCurves.Ed25519, default, 64);

    /// <summary>The fully specified <c>Ed25519</c> algorithm name (RFC 9864); the same signatures as <see cref="EdDsa"/>.</summary>
    public static JwsAlgorithm Ed25519 { get; } = new("Ed25519", JwkKeyTypes.Okp, JwkCurves.Ed25519, default, 64);

    /// <summary><c>ES256</c>: ECDSA P-256 with SHA-256 (RFC 7518 section 3.4).</summary>
    public static JwsAlgorithm Es256 { get; } = new("ES256", JwkKeyTypes.EC, JwkCurves.P256, HashAlgorithmName.SHA256, 64);

    /// <summary><c>ES384</c>: ECDSA P-384 with SHA-384 (RFC 7518 section 3.4).</summary>
    public static JwsAlgorithm Es384 { get; } = new("ES384", JwkKeyTypes.EC, JwkCurves.P384, HashAlgorithmName.SHA384, 96);

    /// <summary><c>ES256K</c>: ECDSA secp256k1 with SHA-256 (RFC 8812). Available where the platform supports the curve.</summary>
    public static JwsAlgorithm Es256K { get; } = new("ES256K", JwkKeyTypes.EC, JwkCurves.Secp256k1, HashAlgorithmName.SHA256, 64);

    /// <summary>Every algorithm this library knows.</summary>
    public static IReadOnlyList<JwsAlgorithm> All { get; }

    /// <summary>The default verifier allow-list: <c>EdDSA</c>, <c>Ed25519</c>, <c>ES256</c>, <c>ES384</c>.</summary>
    public static IReadOnlyList<JwsAlgorithm> DefaultAllowed { get; } = [EdDsa, Ed25519, Es256, Es384];

    /// <summary>The <c>alg</c> header value.</summary>
    public string Name { get; }

    /// <summary>The JWK <c>kty</c> of keys for this algorithm.</summary>
    public string KeyType { get; }

    /// <summary>The JWK <c>crv</c> of keys for this algorithm.</summary>
    public string Curve { get; }

    /// <summary>The length of a signature in bytes (ECDSA signatures are the raw <c>r||s</c> form, RFC 7518 section 3.4).</summary>
    public int SignatureSize { get; }

    internal HashAlgorithmName Hash { get; }

    internal bool IsEdDsa => KeyType == JwkKeyTypes.Okp;

    /// <summary>Looks up an algorithm by its <c>alg</c> name (case-sensitive).</summary>
    /// <param name="name">The name, for example <c>ES256</c>.</param>
    /// <param name="algorithm">The algorithm, when known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryGet(string? name, [NotNullWhen(true)] out JwsAlgorithm? algorithm)
    {
        if (name is null)
        {
            algorithm = null;
            return false;
        }

        return s_byName.TryGetValue(name, out algorithm);
    }

    /// <summary>The default algorithm for a curve name (<c>Ed25519</c> keys sign as <c>EdDSA</c>).</summary>
    /// <param name="curve">The JWK <c>crv</c>.</param>
    /// <param name="algorithm">The algorithm, when the curve can sign.</param>
    /// <returns><see langword="true"/> when the curve has a signature algorithm.</returns>
    public static bool TryGetForCurve(string? curve, [NotNullWhen(true)] out JwsAlgorithm? algorithm)
    {
        algorithm = curve switch
        {
            JwkCurves.Ed25519 => EdDsa,
            JwkCurves.P256 => Es256,
            JwkCurves.P384 => Es384,
            JwkCurves.Secp256k1 => Es256K,
            _ => null,
        };
        return algorithm is not null;
    }

    /// <summary>Whether this algorithm may sign with a key of the given curve.</summary>
    /// <param name="curve">The JWK <c>crv</c>.</param>
    public bool IsCompatibleWithCurve(string? curve) => string.Equals(curve, Curve, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
