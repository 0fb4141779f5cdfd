using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.W3c.Rdfc;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// JSON-LD 1.1 processing over untrusted documents: expansion (JSON-LD 1.1 API section 5.1) and deserialization to
/// RDF (section 8.1), with contexts from an <see cref="IJsonLdDocumentLoader"/>. Stateless and thread-safe; never
/// throws for bad input.
/// </summary>
/// <remarks>
/// Processed contexts of pinned documents are cached process-wide, so canonicalizing many credentials that use the
/// same contexts parses and processes each context once.
/// </remarks>
internal sealed class JsonLdProcessor
{
    private readonly IJsonLdDocumentLoader _loader;
    private readonly JsonLdOptions _options;
    private readonly JsonLdRunSettings _settings;

    /// <summary>Creates a processor.</summary>
    /// <param name="loader">Where contexts come from; <see cref="PinnedJsonLdDocumentLoader.Default"/> for the contexts shipped with the package.</param>
    /// <param name="options">Safe mode and limits; <see langword="null"/> for <see cref="JsonLdOptions.Default"/>.</param>
    public JsonLdProcessor(IJsonLdDocumentLoader loader, JsonLdOptions? options = null)
        : this(loader, options, JsonLdRunSettings.Default)
    {
    }

    internal JsonLdProcessor(IJsonLdDocumentLoader loader, JsonLdOptions? options, JsonLdRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(settings);
        options ??= JsonLdOptions.Default;
        options.Validate();
        _loader = loader;
        _options = options;
        _settings = settings;
    }

    /// <summary>The options.</summary>
    public JsonLdOptions Options => _options;

    /// <summary>
    /// Deserializes a JSON-LD document to an RDF dataset (JSON-LD 1.1 API section 9.2.2 <c>toRdf()</c>): the quads,
    /// without repeats, with blank nodes labelled <c>b0</c>, <c>b1</c>…
    /// </summary>
    /// <param name="document">The document (an object or an array).</param>
    /// <param name="documentUrl">The URL the document came from, if any: the base IRI unless <see cref="JsonLdOptions.Base"/> is set.</param>
    /// <param name="cancellationToken">Cancels context loading.</param>
    public ValueTask<VerificationResult<IReadOnlyList<RdfQuad>>> ToRdfAsync(JsonElement document, Uri? documentUrl = null, CancellationToken cancellationToken = default)
        => RunAsync(document, documentUrl, toRdf: true, cancellationToken);

    /// <summary>Expands a JSON-LD document (JSON-LD 1.1 API section 9.2.2 <c>expand()</c>).</summary>
    /// <param name="document">The document (an object or an array).</param>
    /// <param name="documentUrl">The URL the document came from, if any.</param>
    /// <param name="cancellationToken">Cancels context loading.</param>
    public async ValueTask<VerificationResult<IReadOnlyList<ExpandedItem>>> ExpandAsync(JsonElement document, Uri? documentUrl = null, CancellationToken cancellationToken = default)
    {
        var result = await RunCoreAsync(document, documentUrl, toRdf: false, cancellationToken).ConfigureAwait(false);
        return result.Error is { } error ? VerificationResult<IReadOnlyList<ExpandedItem>>.Failure(error) : VerificationResult<IReadOnlyList<ExpandedItem>>.Success(result.Expanded!);
    }

    private async ValueTask<VerificationResult<IReadOnlyList<RdfQuad>>> RunAsync(JsonElement document, Uri? documentUrl, bool toRdf, CancellationToken cancellationToken)
    {
        var result = await RunCoreAsync(document, documentUrl, toRdf, cancellationToken).ConfigureAwait(false);
        return result.Error is { } error ? VerificationResult<IReadOnlyList<RdfQuad>>.Failure(error) : VerificationResult<IReadOnlyList<RdfQuad>>.Success(result.Quads!);
    }

    private ValueTask<Outcome> RunCoreAsync(JsonElement document, Uri? documentUrl, bool toRdf, CancellationToken cancellationToken)
    {
        if (document.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return ValueTask.FromResult(Fail(JsonLdErrors.LoadingDocumentFailed, "A JSON-LD document is an object or an array."));
        }

        if (documentUrl is { IsAbsoluteUri: false })
        {
            return ValueTask.FromResult(Fail(JsonLdErrors.LoadingDocumentFailed, "The document URL is not absolute."));
        }

        // The size of the document as parsed; a JsonElement from JsonDocument keeps its UTF-8 text.
        var utf8 = JsonMarshal.GetRawUtf8Value(document);
        if (utf8.Length > _options.MaxDocumentBytes)
        {
            return ValueTask.FromResult(Fail(JsonLdErrors.TooLarge, "The document is larger than the limit."));
        }

        // JsonElement reads a string with invalid UTF-8 or a lone surrogate escape only to throw; refuse it here.
        if (!SafeJson.HasWellFormedStrings(utf8, document))
        {
            return ValueTask.FromResult(Fail(JsonLdErrors.LoadingDocumentFailed, "The document holds a string that is not well-formed."));
        }

        var documents = new Dictionary<string, VerificationResult<JsonLdRemoteDocument>>(StringComparer.Ordinal);
        var run = new JsonLdRun(_loader, _options, _settings, documents, cancellationToken);
        if (TryRun(run, document, documentUrl?.OriginalString, toRdf, out var outcome))
        {
            return ValueTask.FromResult(outcome);
        }

        return RunWithLoadsAsync(run, documents, document, documentUrl?.OriginalString, toRdf, cancellationToken);
    }

    // A context did not load synchronously: await it and run again, until every context is in hand.
    private async ValueTask<Outcome> RunWithLoadsAsync(JsonLdRun run, Dictionary<string, VerificationResult<JsonLdRemoteDocument>> documents, JsonElement document, string? documentUrl, bool toRdf, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (url, pending) = (run.PendingUrl!, run.PendingLoad!);
            var loaded = await pending.ConfigureAwait(false)
                ?? throw new InvalidOperationException("The document loader returned null instead of a result.");
            documents[url] = loaded;
            cancellationToken.ThrowIfCancellationRequested();
            run = new JsonLdRun(_loader, _options, _settings, documents, cancellationToken);
            if (TryRun(run, document, documentUrl, toRdf, out var outcome))
            {
                return outcome;
            }
        }
    }

    private static bool TryRun(JsonLdRun run, JsonElement document, string? documentUrl, bool toRdf, out Outcome outcome)
    {
        try
        {
            var expanded = run.ExpandDocument(document, documentUrl);
            outcome = toRdf ? new Outcome(null, run.ToRdf(expanded), null) : new Outcome(expanded, null, null);
            return true;
        }
        catch (JsonLdPendingLoadException)
        {
            outcome = default;
            return false;
        }
        catch (JsonLdException e)
        {
            outcome = new Outcome(null, null, e.ToError());
            return true;
        }
    }

    private static Outcome Fail(ErrorCode code, string message) => new(null, null, new VerificationError(code, message));

    private readonly record struct Outcome(List<ExpandedItem>? Expanded, List<RdfQuad>? Quads, VerificationError? Error);
}
