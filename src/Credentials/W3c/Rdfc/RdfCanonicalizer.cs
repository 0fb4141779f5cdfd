using System;
using System.Collections.Generic;

namespace Credentials.W3c.Rdfc;

/// <summary>RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation, 21 May 2024).</summary>
internal static class RdfCanonicalizer
{
    /// <summary>
    /// Canonicalizes a dataset (RDFC-1.0 section 4.4.3) and serializes it (section 5).
    /// </summary>
    /// <param name="dataset">The quads of the input dataset; duplicates are ignored (a dataset is a set).</param>
    /// <param name="options">The hash algorithm and limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The canonicalized dataset, or <see cref="RdfcErrors.WorkLimitExceeded"/>, <see cref="RdfcErrors.InvalidDataset"/> or <see cref="RdfcErrors.TooLarge"/>.</returns>
    public static VerificationResult<RdfCanonicalDataset> Canonicalize(IReadOnlyList<RdfQuad> dataset, RdfCanonicalizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        throw new NotImplementedException();
    }
}
