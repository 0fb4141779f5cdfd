namespace Credentials.W3c.Rdfc;

/// <summary>The kind of an <see cref="RdfTerm"/> (RDF 1.1 Concepts section 3).</summary>
internal enum RdfTermKind : byte
{
    /// <summary>An IRI.</summary>
    Iri,

    /// <summary>A blank node.</summary>
    BlankNode,

    /// <summary>A literal: lexical form, datatype IRI and, for <c>rdf:langString</c>, a language tag.</summary>
    Literal,

    /// <summary>The default graph, only in the graph position of a quad.</summary>
    DefaultGraph,
}
