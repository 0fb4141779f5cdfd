using System;

namespace Credentials.W3c.Rdfc;

/// <summary>
/// An RDF term (RDF 1.1 Concepts section 3), or the default graph in the graph position of a quad.
/// </summary>
/// <param name="Kind">What the term is.</param>
/// <param name="Value">
/// The IRI; the blank node label without <c>_:</c>; the literal's lexical form; <c>""</c> for the default graph.
/// </param>
/// <param name="Datatype">
/// Literals only: the datatype IRI (<see cref="XsdString"/> for simple literals, <see cref="RdfLangString"/> when
/// <paramref name="Language"/> is set); <see langword="null"/> for the other kinds.
/// </param>
/// <param name="Language">
/// Language-tagged literals only: the tag as given (RDFC-1.0 does not lowercase it); <see langword="null"/> otherwise.
/// </param>
internal readonly record struct RdfTerm(RdfTermKind Kind, string Value, string? Datatype = null, string? Language = null)
{
    /// <summary><c>http://www.w3.org/2001/XMLSchema#string</c>, the datatype of simple literals.</summary>
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";

    /// <summary><c>http://www.w3.org/1999/02/22-rdf-syntax-ns#langString</c>, the datatype of language-tagged literals.</summary>
    public const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    /// <summary>The default graph, the graph component of quads in no named graph.</summary>
    public static RdfTerm DefaultGraph => new(RdfTermKind.DefaultGraph, string.Empty);

    /// <summary><see langword="true"/> for blank nodes.</summary>
    public bool IsBlankNode => Kind == RdfTermKind.BlankNode;

    /// <summary>An IRI term.</summary>
    /// <param name="iri">The absolute IRI.</param>
    public static RdfTerm Iri(string iri)
    {
        ArgumentNullException.ThrowIfNull(iri);
        return new(RdfTermKind.Iri, iri);
    }

    /// <summary>A blank node.</summary>
    /// <param name="label">The label, without <c>_:</c>.</param>
    public static RdfTerm BlankNode(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new(RdfTermKind.BlankNode, label);
    }

    /// <summary>A literal.</summary>
    /// <param name="lexical">The lexical form.</param>
    /// <param name="datatype">The datatype IRI; <see langword="null"/> means <see cref="XsdString"/>, or <see cref="RdfLangString"/> when a language is given.</param>
    /// <param name="language">The language tag, or <see langword="null"/>.</param>
    public static RdfTerm Literal(string lexical, string? datatype = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        return new(RdfTermKind.Literal, lexical, datatype ?? (language is null ? XsdString : RdfLangString), language);
    }
}
