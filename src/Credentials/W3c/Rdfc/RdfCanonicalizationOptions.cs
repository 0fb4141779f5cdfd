using System.Security.Cryptography;

namespace Credentials.W3c.Rdfc;

/// <summary>Options for <see cref="RdfCanonicalizer"/>: the hash algorithm and the limits on work.</summary>
internal sealed record RdfCanonicalizationOptions
{
    /// <summary>The options with every default.</summary>
    public static RdfCanonicalizationOptions Default { get; } = new();

    /// <summary>
    /// The hash algorithm used inside the algorithm (RDFC-1.0 section 4.4.3): <see cref="HashAlgorithmName.SHA256"/>
    /// (the default) or <see cref="HashAlgorithmName.SHA384"/> (ecdsa-rdfc-2019 with P-384).
    /// </summary>
    public HashAlgorithmName HashAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>
    /// The most invocations of Hash N-Degree Quads (section 4.8, recursive calls included) one canonicalization may make,
    /// the bound on work that section 4.4.3 requires (see section 7.1, "Dataset Poisoning"). Default 4,096.
    /// </summary>
    public int MaxHashNDegreeQuadsWork { get; init; } = 4096;

    /// <summary>The most quads a dataset may have. Default 100,000.</summary>
    public int MaxQuads { get; init; } = 100_000;
}
