namespace Credentials.W3c.JsonLd;

/// <summary>
/// How a value with a base direction (<c>@direction</c>) becomes RDF (the JSON-LD 1.1 API <c>rdfDirection</c> option,
/// section 9.4).
/// </summary>
public enum JsonLdRdfDirection
{
    /// <summary>The direction is not represented in RDF: the value becomes a plain or language-tagged literal. In safe mode such a value is an error (<see cref="JsonLdErrors.DroppedValue"/>), since its direction would not be signed.</summary>
    None,

    /// <summary>The literal's datatype is <c>https://www.w3.org/ns/i18n#</c> followed by the language (lower case) and direction, as <c>en-us_rtl</c>.</summary>
    I18nDatatype,

    /// <summary>The value becomes a blank node with <c>rdf:value</c>, <c>rdf:language</c> and <c>rdf:direction</c>.</summary>
    CompoundLiteral,
}
