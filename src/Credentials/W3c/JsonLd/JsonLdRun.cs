using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// One run of the JSON-LD algorithms over one document: the state that lives as long as the run (documents loaded,
/// contexts derived from unpinned sources, counters for the limits, blank node labels).
/// </summary>
/// <remarks>
/// The algorithms are synchronous. A context that the document loader cannot deliver synchronously stops the run with
/// <see cref="JsonLdPendingLoadException"/>; the caller awaits <see cref="PendingLoad"/> and starts a new run that
/// shares <paramref name="documents"/>, so every document is loaded once (JSON-LD 1.1 API section 4.1.2 step 5.2.4).
/// </remarks>
internal sealed partial class JsonLdRun(
    IJsonLdDocumentLoader loader,
    JsonLdOptions options,
    JsonLdRunSettings settings,
    Dictionary<string, VerificationResult<JsonLdRemoteDocument>> documents,
    CancellationToken cancellationToken)
{
    private readonly JsonLdOptions _options = options;
    private readonly bool _jsonLd10 = settings.JsonLd10;
    private readonly bool _safe = options.SafeMode;
    private readonly JsonLdRunSettings _settings = settings;

    /// <summary>The load that stopped the run, to await before running again.</summary>
    public Task<VerificationResult<JsonLdRemoteDocument>>? PendingLoad { get; private set; }

    /// <summary>The URL of <see cref="PendingLoad"/>.</summary>
    public string? PendingUrl { get; private set; }

    /// <summary>Loads (or takes from this run's documents) the remote context at <paramref name="url"/>.</summary>
    private JsonLdRemoteDocument LoadContext(string url)
    {
        if (!documents.TryGetValue(url, out var loaded))
        {
            if (documents.Count >= _options.MaxContextLoads)
            {
                throw new JsonLdException(JsonLdErrors.TooManyContexts, "The document needs too many remote contexts.");
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                throw new JsonLdException(JsonLdErrors.LoadingRemoteContextFailed, "A context URL is not a URL.");
            }

            var pending = loader.LoadAsync(uri, cancellationToken);
            if (!pending.IsCompleted)
            {
                PendingLoad = pending.AsTask();
                PendingUrl = url;
                throw new JsonLdPendingLoadException(url);
            }

            loaded = pending.GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("The document loader returned null instead of a result.");
            documents[url] = loaded;
        }

        if (loaded.IsValid && !loaded.Value.IsPinned && !Credentials.Internal.SafeJson.HasWellFormedStrings(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(loaded.Value.Document), loaded.Value.Document))
        {
            throw new JsonLdException(JsonLdErrors.LoadingRemoteContextFailed, "A remote context holds a string that is not well-formed.");
        }

        if (!loaded.IsValid)
        {
            throw new JsonLdException(JsonLdErrors.LoadingRemoteContextFailed, "A remote context could not be loaded.", loaded.Error);
        }

        return loaded.Value;
    }
}

/// <summary>Settings of a run that are not public options: those the W3C test suite needs.</summary>
internal sealed record JsonLdRunSettings
{
    public static JsonLdRunSettings Default { get; } = new();

    /// <summary>Processing mode <c>json-ld-1.0</c>.</summary>
    public bool JsonLd10 { get; init; }

    /// <summary>Keep triples whose predicate is a blank node (generalized RDF).</summary>
    public bool ProduceGeneralizedRdf { get; init; }

    /// <summary>A context applied before the document's own (the <c>expandContext</c> option).</summary>
    public System.Text.Json.JsonElement? ExpandContext { get; init; }

    /// <summary>The base URL of <see cref="ExpandContext"/>.</summary>
    public string? ExpandContextBase { get; init; }
}

/// <summary>The remote contexts array of the Context Processing algorithm, as an immutable chain.</summary>
internal sealed class RemoteChain(string url, RemoteChain? next)
{
    private readonly int _count = (next?._count ?? 0) + 1;

    public static int Count(RemoteChain? chain) => chain?._count ?? 0;

    public static bool Contains(RemoteChain? chain, string url)
    {
        for (var c = chain; c is not null; c = c.Next)
        {
            if (string.Equals(c.Url, url, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public string Url { get; } = url;

    public RemoteChain? Next { get; } = next;
}
