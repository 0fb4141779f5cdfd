using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace Credentials.W3c.Rdfc;

/// <summary>
/// RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation, 21 May 2024): issues deterministic labels
/// (<c>c14nN</c>) to the blank nodes of a dataset and serializes it in canonical n-quads form.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. Work is bounded (<see cref="RdfCanonicalizationOptions.MaxHashNDegreeQuadsWork"/>):
/// a dataset built to make Hash N-Degree Quads exponential fails with <see cref="RdfcErrors.WorkLimitExceeded"/>
/// instead of running for hours (section 4.4.3, section 7.1). Hashes, lines and paths are handled as UTF-8 bytes, whose
/// ordinal order is the code point order the specification sorts by.
/// </remarks>
internal static partial class RdfCanonicalizer
{
    /// <summary>Canonicalizes a dataset (RDFC-1.0 section 4.4.3) and serializes it (section 5).</summary>
    /// <param name="dataset">The quads of the input dataset; repeated quads count once (a dataset is a set).</param>
    /// <param name="options">The hash algorithm and limits; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// The canonicalized dataset, or <see cref="RdfcErrors.WorkLimitExceeded"/>, <see cref="RdfcErrors.InvalidDataset"/>
    /// or <see cref="RdfcErrors.TooLarge"/>.
    /// </returns>
    /// <exception cref="ArgumentException">The options name a hash algorithm other than SHA-256 or SHA-384, or a limit below 1.</exception>
    public static VerificationResult<RdfCanonicalDataset> Canonicalize(IReadOnlyList<RdfQuad> dataset, RdfCanonicalizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= RdfCanonicalizationOptions.Default;

        // Section 3.1, "hash algorithm": MUST support SHA-256 and SHA-384.
        bool sha384;
        if (options.HashAlgorithm == HashAlgorithmName.SHA256)
        {
            sha384 = false;
        }
        else if (options.HashAlgorithm == HashAlgorithmName.SHA384)
        {
            sha384 = true;
        }
        else
        {
            throw new ArgumentException("RDFC-1.0 runs with SHA-256 or SHA-384.", nameof(options));
        }

        if (options.MaxHashNDegreeQuadsWork < 1 || options.MaxQuads < 1)
        {
            throw new ArgumentException("Canonicalization limits must be at least 1.", nameof(options));
        }

        if (dataset.Count > options.MaxQuads)
        {
            return new VerificationError(RdfcErrors.TooLarge, "The dataset has more quads than the canonicalization limit allows.");
        }

        return new Canonicalization(dataset, sha384, options.MaxHashNDegreeQuadsWork).Run();
    }
}
