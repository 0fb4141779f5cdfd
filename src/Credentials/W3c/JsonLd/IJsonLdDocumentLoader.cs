using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// Loads the remote documents a JSON-LD document refers to (its contexts), as the JSON-LD 1.1 API
/// <c>LoadDocumentCallback</c> does (section 9.4.1).
/// </summary>
/// <remarks>
/// The library never fetches contexts from the network itself: <see cref="PinnedJsonLdDocumentLoader"/> serves the
/// contexts shipped inside the package, checked against their SHA-256 digests. An application that needs other
/// contexts implements this interface (for example over its own pinned files) and composes it with
/// <see cref="PinnedJsonLdDocumentLoader.WithFallback"/>. A loader that completes synchronously (a completed
/// <see cref="ValueTask{TResult}"/>) keeps processing on its fast, synchronous path.
/// Implementations must be thread-safe and should return the same <see cref="JsonLdRemoteDocument"/> instance for the
/// same URL: processed contexts are cached per instance.
/// </remarks>
public interface IJsonLdDocumentLoader
{
    /// <summary>Loads the document at <paramref name="url"/>.</summary>
    /// <param name="url">The absolute URL of the document, exactly as the JSON-LD document refers to it after resolution.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The document, or an error (for example <see cref="JsonLdErrors.ContextNotPinned"/>) when it is not served.</returns>
    ValueTask<VerificationResult<JsonLdRemoteDocument>> LoadAsync(Uri url, CancellationToken cancellationToken = default);
}
