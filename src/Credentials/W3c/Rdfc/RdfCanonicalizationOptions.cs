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
    /// The most Hash N-Degree Quads work one canonicalization may do: each invocation of the algorithm (section 4.8.3,
    /// recursive ones included) and each permutation it examines (step 5.4) is one unit. Section 4.4.3 requires this
    /// defence against poison datasets (section 7.1). Default 16,384: datasets whose blank nodes all have distinct first
    /// degree hashes (credentials, almost always) need none; the suite's "evil" graphs (test044 to test046) need 3,348;
    /// a JSON-LD list of n equal values about 3n² (so lists up to about 70 equal values); the 10-node clique of test074
    /// needs millions and fails within milliseconds.
    /// </summary>
    public int MaxHashNDegreeQuadsWork { get; init; } = 16_384;

    /// <summary>The most quads a dataset may have. Default 100,000.</summary>
    public int MaxQuads { get; init; } = 100_000;
}
