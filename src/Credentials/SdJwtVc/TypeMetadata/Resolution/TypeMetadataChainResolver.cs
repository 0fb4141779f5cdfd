using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>
/// The resolution algorithm shared by every resolver: retrieve each document from the sources in order, check its
/// integrity over the exact bytes, parse it, check its <c>vct</c>, follow <c>extends</c> (with <c>extends#integrity</c>)
/// up to the depth limit while detecting cycles, then merge the chain.
/// </summary>
internal static class TypeMetadataChainResolver
{
    public static async ValueTask<VerificationResult<ResolvedTypeMetadata>> ResolveAsync(
        IReadOnlyList<ITypeMetadataDocumentSource> sources, string vct, string? integrity, TypeMetadataResolverOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vct);
        var chain = new List<TypeMetadataDocument>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = vct;
        var currentIntegrity = integrity;
        for (var depth = 0; ; depth++)
        {
            if (!visited.Add(current))
            {
                return new VerificationError(TypeMetadataErrors.ExtendsCycle, "The extends chain leads back to a type already in it.");
            }

            if (depth > options.MaxExtendsDepth)
            {
                return new VerificationError(TypeMetadataErrors.TooDeep, $"The extends chain is longer than {options.MaxExtendsDepth} steps.");
            }

            var document = await LoadAsync(sources, current, currentIntegrity, options.Reader, cancellationToken).ConfigureAwait(false);
            if (!document.IsValid)
            {
                return depth == 0
                    ? document.Error
                    : new VerificationError(document.Error.Code, $"The metadata of an extended type (step {depth}) could not be used: {document.Error.Message}") { Inner = document.Error };
            }

            chain.Add(document.Value);
            if (document.Value.Extends is not { } extends)
            {
                break;
            }

            current = extends;
            currentIntegrity = document.Value.ExtendsIntegrity;
        }

        return ResolvedTypeMetadata.Create(chain, integrity);
    }

    private static async ValueTask<VerificationResult<TypeMetadataDocument>> LoadAsync(
        IReadOnlyList<ITypeMetadataDocumentSource> sources, string vct, string? integrity, TypeMetadataReaderOptions reader, CancellationToken cancellationToken)
    {
        if (integrity is not null && !SubresourceIntegrity.IsSupported(integrity))
        {
            return new VerificationError(TypeMetadataErrors.IntegrityInvalid, "The integrity metadata has no expression with a supported algorithm (sha256, sha384, sha512).");
        }

        VerificationError? last = null;
        foreach (var source in sources)
        {
            var bytes = await source.GetDocumentAsync(vct, cancellationToken).ConfigureAwait(false);
            if (!bytes.IsValid)
            {
                // Not here: ask the next source; keep a more telling error (a stale copy's mismatch) over "not found".
                if (bytes.Error.Code == TypeMetadataErrors.NotFound || bytes.Error.Code == Credentials.Http.HttpErrors.NotFound)
                {
                    last ??= bytes.Error;
                    continue;
                }

                return bytes.Error;
            }

            // Section 6: verify the exact octets before processing the document.
            if (integrity is not null && SubresourceIntegrity.Check(bytes.Value.Span, integrity) is { } mismatch)
            {
                // A cached copy may be stale: fetch it once afresh before giving up on this source.
                var fresh = source is IRefreshableDocumentSource refreshable
                    ? await refreshable.RefetchIfCachedAsync(vct, cancellationToken).ConfigureAwait(false)
                    : null;
                if (fresh is null || !fresh.IsValid || SubresourceIntegrity.Check(fresh.Value.Span, integrity) is not null)
                {
                    last = mismatch;
                    continue;
                }

                bytes = fresh;
            }

            var parsed = TypeMetadataDocument.Read(bytes.Value, reader);
            if (!parsed.IsValid)
            {
                return parsed.Error;
            }

            // Section 5.3: the document must describe exactly the type that referenced it.
            if (!string.Equals(parsed.Value.Vct, vct, StringComparison.Ordinal))
            {
                return new VerificationError(TypeMetadataErrors.VctMismatch, "The retrieved document's vct is not the requested type.");
            }

            return parsed.Value;
        }

        return last ?? new VerificationError(TypeMetadataErrors.NotFound, "No Type Metadata is available for the type.");
    }
}
