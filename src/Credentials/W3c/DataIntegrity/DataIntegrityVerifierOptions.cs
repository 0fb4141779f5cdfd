using System;
using System.Collections.Generic;

namespace Credentials.W3c.DataIntegrity;

/// <summary>Options for <see cref="DataIntegrityVerifier"/>: the cryptosuite allow-list, the clock and the limits.</summary>
public sealed record DataIntegrityVerifierOptions
{
    /// <summary>The default options.</summary>
    public static DataIntegrityVerifierOptions Default { get; } = new();

    /// <summary>The cryptosuites accepted; a proof with any other fails with <c>di.unsupported_cryptosuite</c>. Default <see cref="Cryptosuite.All"/>.</summary>
    public IReadOnlyList<Cryptosuite> AllowedCryptosuites { get; init; } = Cryptosuite.All;

    /// <summary>The clock <c>created</c> and <c>expires</c> are checked against.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The clock skew allowed for <c>created</c> and <c>expires</c>. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most proofs a document may carry. Default 8.</summary>
    public int MaxProofs { get; init; } = 8;

    /// <summary>The deepest JSON nesting accepted. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;
}
