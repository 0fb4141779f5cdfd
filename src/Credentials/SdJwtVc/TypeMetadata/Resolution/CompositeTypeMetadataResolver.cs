using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>
/// Resolves Type Metadata from several sources in order, typically a <see cref="LocalTypeMetadataRegistry"/> first and an
/// <see cref="HttpTypeMetadataResolver"/> second (draft-ietf-oauth-sd-jwt-vc sections 5.3 and 7.5): each document of the
/// <c>extends</c> chain is taken from the first source that has it and whose bytes match the expected integrity.
/// </summary>
/// <remarks>
/// A source that has no document answers <see cref="TypeMetadataErrors.NotFound"/> (or <see cref="Credentials.Http.HttpErrors.NotFound"/>) and the next one is asked; a copy
/// that fails its integrity check is skipped for the next source; any other retrieval error ends resolution.
/// </remarks>
public sealed class CompositeTypeMetadataResolver : ITypeMetadataResolver
{
    private readonly ITypeMetadataDocumentSource[] _sources;
    private readonly TypeMetadataResolverOptions _options;

    /// <summary>Creates a resolver over sources asked in order.</summary>
    /// <param name="sources">The sources, for example a local registry then an HTTP resolver.</param>
    /// <param name="options">Resolution settings; <see cref="TypeMetadataResolverOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">No sources, a null source, or options out of range.</exception>
    public CompositeTypeMetadataResolver(IEnumerable<ITypeMetadataDocumentSource> sources, TypeMetadataResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        if (_sources.Length == 0 || Array.IndexOf(_sources, null) >= 0)
        {
            throw new ArgumentException("At least one source is required, and none may be null.", nameof(sources));
        }

        _options = TypeMetadataOptionsGuard.Validate(options);
    }

    /// <summary>Creates a resolver that asks the local registry first and the network second.</summary>
    /// <param name="local">The local registry.</param>
    /// <param name="http">The HTTP resolver.</param>
    /// <param name="options">Resolution settings.</param>
    public CompositeTypeMetadataResolver(LocalTypeMetadataRegistry local, HttpTypeMetadataResolver http, TypeMetadataResolverOptions? options = null)
        : this([local ?? throw new ArgumentNullException(nameof(local)), http ?? throw new ArgumentNullException(nameof(http))], options)
    {
    }

    /// <inheritdoc />
    public ValueTask<VerificationResult<ResolvedTypeMetadata>> ResolveAsync(string vct, string? integrity, CancellationToken cancellationToken = default)
        => TypeMetadataChainResolver.ResolveAsync(_sources, vct, integrity, _options, cancellationToken);
}
