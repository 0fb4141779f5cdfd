using System;
using System.Text.Json;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// A document returned by an <see cref="IJsonLdDocumentLoader"/> (the JSON-LD 1.1 API <c>RemoteDocument</c>,
/// section 9.4.3): its parsed JSON, the URL it was finally loaded from, and the context URL of an HTTP Link header.
/// </summary>
/// <remarks>
/// Immutable. Processed contexts are cached per instance, so a loader should hand out one instance per URL.
/// </remarks>
public sealed class JsonLdRemoteDocument
{
    /// <summary>Creates a remote document.</summary>
    /// <param name="documentUrl">The absolute URL the document was loaded from (after redirects); relative references inside it resolve against it.</param>
    /// <param name="document">The parsed document. It must stay valid for the lifetime of this instance (clone it with <see cref="JsonElement.Clone"/> when its <see cref="JsonDocument"/> is disposed).</param>
    /// <param name="contextUrl">The URL of an HTTP Link header with the <c>http://www.w3.org/ns/json-ld#context</c> relation, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="documentUrl"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="documentUrl"/> is not absolute.</exception>
    public JsonLdRemoteDocument(Uri documentUrl, JsonElement document, Uri? contextUrl = null)
        : this(documentUrl, document, contextUrl, pinned: false)
    {
    }

    internal JsonLdRemoteDocument(Uri documentUrl, JsonElement document, Uri? contextUrl, bool pinned)
    {
        ArgumentNullException.ThrowIfNull(documentUrl);
        if (!documentUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The document URL must be absolute.", nameof(documentUrl));
        }

        DocumentUrl = documentUrl;
        DocumentUrlText = documentUrl.OriginalString;
        Document = document;
        ContextUrl = contextUrl;
        IsPinned = pinned;
    }

    /// <summary>The absolute URL the document was loaded from.</summary>
    public Uri DocumentUrl { get; }

    /// <summary>The parsed document.</summary>
    public JsonElement Document { get; }

    /// <summary>The context URL from an HTTP Link header, if any.</summary>
    public Uri? ContextUrl { get; }

    /// <summary>The document URL as written, the base for relative references inside the document.</summary>
    internal string DocumentUrlText { get; }

    /// <summary>Whether the document is one of a pinned loader's: contexts derived from it are cached across documents.</summary>
    internal bool IsPinned { get; }
}
