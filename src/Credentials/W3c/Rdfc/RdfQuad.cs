namespace Credentials.W3c.Rdfc;

/// <summary>A quad of an RDF dataset (RDF 1.1 Concepts section 4): a triple and the graph it belongs to.</summary>
/// <param name="Subject">An IRI or a blank node.</param>
/// <param name="Predicate">An IRI.</param>
/// <param name="Object">An IRI, a blank node or a literal.</param>
/// <param name="Graph">The graph name (an IRI or a blank node), or <see cref="RdfTerm.DefaultGraph"/>.</param>
internal readonly record struct RdfQuad(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object, RdfTerm Graph)
{
    /// <summary>A quad in the default graph.</summary>
    /// <param name="subject">An IRI or a blank node.</param>
    /// <param name="predicate">An IRI.</param>
    /// <param name="obj">An IRI, a blank node or a literal.</param>
    public RdfQuad(RdfTerm subject, RdfTerm predicate, RdfTerm obj)
        : this(subject, predicate, obj, RdfTerm.DefaultGraph)
    {
    }
}
