using System;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// Options for JSON-LD 1.1 processing (expansion and deserialization to RDF): safe mode, the base direction in RDF,
/// and the limits that bound the work one document can cause.
/// </summary>
/// <remarks>
/// The defaults suit verifying credentials: safe mode on, and limits far above any credential. Every limit is listed
/// in <c>specs/limits.md</c>.
/// </remarks>
public sealed class JsonLdOptions
{
    /// <summary>The default options: safe mode on, default limits.</summary>
    public static JsonLdOptions Default { get; } = new();

    /// <summary>
    /// Fail closed instead of dropping data. When <see langword="true"/> (the default), anything the JSON-LD
    /// algorithms would silently drop is an error: a property or type that no context defines
    /// (<see cref="JsonLdErrors.UndefinedTerm"/>), an IRI that stays relative (<see cref="JsonLdErrors.RelativeIri"/>),
    /// and values, objects, language tags or directions that expansion or RDF conversion would discard
    /// (<see cref="JsonLdErrors.DroppedValue"/>). Dropped data is not signed, so a signature over the RDF form would
    /// not cover it. <see langword="false"/> gives the behaviour the JSON-LD 1.1 API specifies.
    /// </summary>
    public bool SafeMode { get; init; } = true;

    /// <summary>How values with a base direction become RDF; <see cref="JsonLdRdfDirection.None"/> by default, as the JSON-LD 1.1 API specifies.</summary>
    public JsonLdRdfDirection RdfDirection { get; init; } = JsonLdRdfDirection.None;

    /// <summary>The base IRI relative references resolve against; overrides the document's URL (the JSON-LD 1.1 API <c>base</c> option). <see langword="null"/> by default.</summary>
    public Uri? Base { get; init; }

    /// <summary>The largest document accepted, in UTF-8 bytes. 1 MiB by default.</summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays in the document, and of context processing. 64 by default.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The deepest chain of remote contexts that include one another (the JSON-LD 1.1 API <c>context overflow</c> limit). 16 by default.</summary>
    public int MaxRemoteContextDepth { get; init; } = 16;

    /// <summary>The most distinct remote context documents one document may need. 32 by default.</summary>
    public int MaxContextLoads { get; init; } = 32;

    /// <summary>The most node, value and list objects expansion may produce for one document (this also bounds the RDF output). 100,000 by default.</summary>
    public int MaxExpandedItems { get; init; } = 100_000;

    /// <summary>Checks that every limit is positive and the base, if any, is absolute.</summary>
    /// <exception cref="InvalidOperationException">An option is out of range.</exception>
    internal void Validate()
    {
        if (MaxDocumentBytes <= 0 || MaxDepth <= 0 || MaxRemoteContextDepth <= 0 || MaxContextLoads <= 0 || MaxExpandedItems <= 0)
        {
            throw new InvalidOperationException("Every JSON-LD limit must be positive.");
        }

        if (Base is { IsAbsoluteUri: false })
        {
            throw new InvalidOperationException("The JSON-LD base IRI must be absolute.");
        }

        if (!Enum.IsDefined(RdfDirection))
        {
            throw new InvalidOperationException("The JSON-LD rdfDirection option is not a defined value.");
        }
    }
}
