using System;
using System.Text.Json;

namespace Credentials.W3c.JsonLd;

/// <summary>Container mapping keywords as flags (JSON-LD 1.1 API section 4.1: the container mapping of a term definition).</summary>
[Flags]
internal enum Container
{
    None = 0,
    List = 1,
    Set = 2,
    Index = 4,
    Language = 8,
    Id = 16,
    Type = 32,
    Graph = 64,
}

/// <summary>A term definition (JSON-LD 1.1 API section 4.1). Immutable once its context is built.</summary>
internal sealed class TermDefinition
{
    /// <summary>The IRI mapping: an IRI, a blank node identifier, a keyword, or <see langword="null"/> for <c>"@id": null</c>.</summary>
    public string? Iri { get; set; }

    public bool Prefix { get; set; }

    public bool Protected { get; set; }

    public bool Reverse { get; set; }

    /// <summary>The base URL the scoped context is resolved against.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Whether the definition has a scoped context (which may be JSON <c>null</c>).</summary>
    public bool HasContext { get; set; }

    public JsonElement Context { get; set; }

    public Container Container { get; set; }

    public bool HasContainer { get; set; }

    /// <summary>The type mapping: an IRI, <c>@id</c>, <c>@vocab</c>, <c>@json</c> or <c>@none</c>.</summary>
    public string? TypeMapping { get; set; }

    public bool HasLanguage { get; set; }

    public string? Language { get; set; }

    public bool HasDirection { get; set; }

    public string? Direction { get; set; }

    public string? IndexMapping { get; set; }

    public string? Nest { get; set; }

    /// <summary>Whether the definition comes from contexts that are cached across documents (pinned ones).</summary>
    public bool Cacheable { get; set; }

    /// <summary>Equality except for the protected flag (JSON-LD 1.1 API section 4.2.2 step 27.1).</summary>
    public bool SameAs(TermDefinition other)
        => string.Equals(Iri, other.Iri, StringComparison.Ordinal)
        && Prefix == other.Prefix
        && Reverse == other.Reverse
        && HasContext == other.HasContext
        && (!HasContext || JsonElement.DeepEquals(Context, other.Context))
        && Container == other.Container
        && HasContainer == other.HasContainer
        && string.Equals(TypeMapping, other.TypeMapping, StringComparison.Ordinal)
        && HasLanguage == other.HasLanguage
        && string.Equals(Language, other.Language, StringComparison.Ordinal)
        && HasDirection == other.HasDirection
        && string.Equals(Direction, other.Direction, StringComparison.Ordinal)
        && string.Equals(IndexMapping, other.IndexMapping, StringComparison.Ordinal)
        && string.Equals(Nest, other.Nest, StringComparison.Ordinal);
}
