using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>A source with a cache: lets the resolver fetch afresh when a cached document fails its integrity check.</summary>
internal interface IRefreshableDocumentSource
{
    /// <summary>Drops the cached document for the type and fetches it again; <see langword="null"/> when nothing was cached.</summary>
    ValueTask<VerificationResult<ReadOnlyMemory<byte>>?> RefetchIfCachedAsync(string vct, CancellationToken cancellationToken);
}
