using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;

namespace Credentials.Dids.Methods;

/// <summary>
/// Resolves did:web DIDs over HTTPS through an injected <see cref="HttpClient"/> (so <c>IHttpClientFactory</c> works),
/// with the guards of <see cref="HttpFetcher"/>: HTTPS only, the address policy, redirects only within the origin, a
/// size cap read as a stream, a timeout, and <c>did.json</c> served as <c>application/did+json</c>,
/// <c>application/did+ld+json</c> or <c>application/json</c>. The document's <c>id</c> must be the DID. Thread-safe.
/// </summary>
/// <remarks>
/// Give it a client from <see cref="GuardedHttpHandler.CreateClient"/> (or on <see cref="GuardedHttpHandler.Create"/>):
/// the address policy is then applied to the address actually connected to, which also defeats DNS rebinding. With any
/// other client the resolver checks the host's addresses before each request and refuses a redirect the client
/// followed to another origin, but such a client has already sent the redirected request. This resolver does not cache:
/// <see cref="DidResolver"/> keeps documents, serves the last-known-good one while a did:web host is unavailable (a
/// network failure, a timeout, HTTP 5xx, 408 or 429; never after a 404, an invalid document or one whose <c>id</c> is
/// another DID) for <see cref="DidResolverOptions.LastKnownGoodPeriod"/>, and resolves again, rate-limited, for a
/// <c>kid</c> its kept document lacks.
/// </remarks>
public sealed class DidWebResolver : IDidMethodResolver
{
    /// <summary>The media types a <c>did.json</c> may be served with.</summary>
    private static readonly string[] s_mediaTypes = ["application/did+json", "application/did+ld+json", "application/json"];
    private readonly HttpFetcher _fetcher;
    private readonly DidWebResolverOptions _options;

    /// <summary>Creates the resolver.</summary>
    /// <param name="httpClient">The client (for example from <c>IHttpClientFactory</c>); not disposed by the resolver.</param>
    /// <param name="options">The guards; <see cref="DidWebResolverOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public DidWebResolver(HttpClient httpClient, DidWebResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= DidWebResolverOptions.Default;
        ArgumentNullException.ThrowIfNull(options.Http, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        _fetcher = new HttpFetcher(httpClient, options.Http, options.TimeProvider);
        _options = options;
    }

    /// <inheritdoc />
    public string Method => DidMethodNames.Web;

    /// <inheritdoc />
    public async ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);

        // did:web section 3.2: the document lives at an HTTPS URL derived from the DID.
        var scheme = _options.Http.RequireHttps ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        var uri = DidWeb.GetDocumentUri(did, scheme);
        if (!uri.IsValid)
        {
            return uri.Error;
        }

        var response = await _fetcher.GetAsync(uri.Value, ["application/did+json", "application/json"], s_mediaTypes, cancellationToken).ConfigureAwait(false);
        if (!response.IsValid)
        {
            return response.Error;
        }

        var document = DidDocument.Read(response.Value.Body, new DidDocumentReaderOptions { MaxLength = _options.Http.MaxResponseBytes });
        if (!document.IsValid)
        {
            return document;
        }

        // did:web section 3.2 and DID Core 7.1: the resolved document's id MUST be the DID that was resolved.
        return document.Value.Id == did.Value
            ? document
            : new VerificationError(DidErrors.IdMismatch, "The did:web document's 'id' is not the DID that was resolved.");
    }
}
