using System.Threading;
using System.Threading.Tasks;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>
/// Resolves the Type Metadata of a credential type: retrieves the document for the <c>vct</c>, checks its integrity,
/// follows and merges the <c>extends</c> chain (draft-ietf-oauth-sd-jwt-vc sections 5.3, 5.4 and 6).
/// </summary>
/// <remarks>
/// Implementations: <see cref="LocalTypeMetadataRegistry"/>, <see cref="HttpTypeMetadataResolver"/> and
/// <see cref="CompositeTypeMetadataResolver"/>. Retrieval failures are reported with the kind
/// <see cref="VerificationFailureKind.ResolutionFailed"/>; implementations never throw for bad or unreachable documents.
/// </remarks>
public interface ITypeMetadataResolver
{
    /// <summary>
    /// Resolves the type's metadata (following and merging the <c>extends</c> chain), checking <paramref name="integrity"/>
    /// (the credential's <c>vct#integrity</c>) over the exact bytes retrieved when given.
    /// </summary>
    /// <param name="vct">The credential's <c>vct</c>.</param>
    /// <param name="integrity">The credential's <c>vct#integrity</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels retrieval.</param>
    /// <returns>The resolved metadata, or an error with a <see cref="TypeMetadataErrors"/> code.</returns>
    ValueTask<VerificationResult<ResolvedTypeMetadata>> ResolveAsync(string vct, string? integrity, CancellationToken cancellationToken = default);
}
