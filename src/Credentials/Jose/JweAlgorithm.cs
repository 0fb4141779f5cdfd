using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Credentials.Jose;

/// <summary>
/// A JWE key management algorithm (<c>alg</c>, RFC 7518 section 4). Only direct key agreement with ephemeral-static
/// ECDH (<c>ECDH-ES</c>) exists here; <c>none</c>, <c>dir</c>, RSA and key wrapping are never accepted. Instances are
/// singletons; compare by reference.
/// </summary>
public sealed class JweAlgorithm
{
    private JweAlgorithm(string name) => Name = name;

    /// <summary><c>ECDH-ES</c>: ephemeral-static ECDH with the Concat KDF, direct key agreement (RFC 7518 section 4.6).</summary>
    public static JweAlgorithm EcdhEs { get; } = new("ECDH-ES");

    /// <summary>Every key management algorithm this library implements.</summary>
    public static IReadOnlyList<JweAlgorithm> All { get; } = [EcdhEs];

    /// <summary>The <c>alg</c> header value.</summary>
    public string Name { get; }

    /// <summary>Looks up an algorithm by its <c>alg</c> name (case-sensitive).</summary>
    /// <param name="name">The <c>alg</c> value.</param>
    /// <param name="algorithm">The algorithm, when known.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool TryGet(string? name, [NotNullWhen(true)] out JweAlgorithm? algorithm)
    {
        algorithm = string.Equals(name, EcdhEs.Name, StringComparison.Ordinal) ? EcdhEs : null;
        return algorithm is not null;
    }

    /// <summary>The <c>alg</c> name.</summary>
    public override string ToString() => Name;
}
