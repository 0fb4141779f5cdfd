using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>
/// Where Type Metadata documents come from: a registry, a cache, an HTTPS fetch, or an ecosystem-defined retrieval
/// method (draft-ietf-oauth-sd-jwt-vc section 5.3). A source returns the exact bytes; integrity, parsing and
/// <c>extends</c> are handled by the resolvers.
/// </summary>
public interface ITypeMetadataDocumentSource
{
    /// <summary>Returns the document for a type as the exact bytes obtained.</summary>
    /// <param name="vct">The type identifier.</param>
    /// <param name="cancellationToken">Cancels retrieval.</param>
    /// <returns>
    /// The bytes, or an error: <see cref="TypeMetadataErrors.NotFound"/> (or <see cref="Credentials.Http.HttpErrors.NotFound"/>) when this source has no document for the type
    /// (a composite resolver then asks the next source), another retrieval error otherwise.
    /// </returns>
    ValueTask<VerificationResult<ReadOnlyMemory<byte>>> GetDocumentAsync(string vct, CancellationToken cancellationToken = default);
}
