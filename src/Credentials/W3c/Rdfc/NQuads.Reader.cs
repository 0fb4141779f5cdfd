using System;
using System.Collections.Generic;

namespace Credentials.W3c.Rdfc;

internal static partial class NQuads
{
    /// <summary>Reads an N-Quads 1.1 document strictly: any syntax error is <see cref="RdfcErrors.InvalidNQuads"/>.</summary>
    /// <param name="nquads">The document.</param>
    /// <returns>The quads in document order, duplicates removed (a dataset is a set), or the error.</returns>
    public static VerificationResult<IReadOnlyList<RdfQuad>> Read(string nquads)
    {
        ArgumentNullException.ThrowIfNull(nquads);
        throw new NotImplementedException();
    }
}
