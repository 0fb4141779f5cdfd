namespace Credentials.W3c.JsonLd;

/// <summary>
/// Error codes for JSON-LD 1.1 processing (context processing, expansion, deserialization to RDF) and for loading
/// contexts. The codes named after the JSON-LD 1.1 API error codes (section 9.4.2) are that code in lowercase with
/// <c>@</c> removed and spaces and hyphens as underscores; the others are this library's own. Every code is listed in
/// <c>specs/errors.md</c>; codes never change once released.
/// </summary>
public static class JsonLdErrors
{
    /// <summary><c>jsonld.undefined_term</c>: safe mode (<see cref="JsonLdOptions.SafeMode"/>): a property, or an <c>@type</c> value, that no context defines and that does not expand to an absolute IRI; expansion would drop it, so it would not be signed.</summary>
    public static readonly ErrorCode UndefinedTerm = new("jsonld.undefined_term", VerificationFailureKind.PolicyViolation);

    /// <summary><c>jsonld.relative_iri</c>: safe mode: an <c>@id</c>, an IRI-typed value or a vocabulary mapping that stays a relative IRI reference (there is no base IRI to resolve it against), which RDF conversion would drop.</summary>
    public static readonly ErrorCode RelativeIri = new("jsonld.relative_iri", VerificationFailureKind.PolicyViolation);

    /// <summary><c>jsonld.dropped_value</c>: safe mode: a value or object that expansion or RDF conversion would drop: a free-floating value or list, an object with nothing but <c>@language</c>, an IRI, datatype or language tag that is not well-formed, a blank node used as a property.</summary>
    public static readonly ErrorCode DroppedValue = new("jsonld.dropped_value", VerificationFailureKind.PolicyViolation);

    /// <summary><c>jsonld.too_large</c>: the document is larger than <see cref="JsonLdOptions.MaxDocumentBytes"/>, or expanding it yields more than <see cref="JsonLdOptions.MaxExpandedItems"/> items.</summary>
    public static readonly ErrorCode TooLarge = new("jsonld.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.too_deep</c>: the document, or context processing, nests deeper than <see cref="JsonLdOptions.MaxDepth"/>.</summary>
    public static readonly ErrorCode TooDeep = new("jsonld.too_deep", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.too_many_contexts</c>: processing one document needs more than <see cref="JsonLdOptions.MaxContextLoads"/> distinct remote context documents.</summary>
    public static readonly ErrorCode TooManyContexts = new("jsonld.too_many_contexts", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.context_not_pinned</c>: <see cref="PinnedJsonLdDocumentLoader"/> does not hold the requested URL (and has no fallback loader). Contexts are never fetched from the network.</summary>
    public static readonly ErrorCode ContextNotPinned = new("jsonld.context_not_pinned", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>jsonld.pinned_context_mismatch</c>: a context shipped inside the package does not have its pinned SHA-256 digest (or is not JSON); it is refused.</summary>
    public static readonly ErrorCode PinnedContextMismatch = new("jsonld.pinned_context_mismatch", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>jsonld.colliding_keywords</c> (JSON-LD 1.1 API "colliding keywords"): Two entries of one object expand to the same keyword (a keyword and an alias of it).</summary>
    public static readonly ErrorCode CollidingKeywords = new("jsonld.colliding_keywords", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.conflicting_indexes</c> (JSON-LD 1.1 API "conflicting indexes"): One node carries two different <c>@index</c> values.</summary>
    public static readonly ErrorCode ConflictingIndexes = new("jsonld.conflicting_indexes", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.context_overflow</c> (JSON-LD 1.1 API "context overflow"): Remote contexts nest deeper than <c>JsonLdOptions.MaxRemoteContextDepth</c> (this also ends context inclusion loops).</summary>
    public static readonly ErrorCode ContextOverflow = new("jsonld.context_overflow", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.cyclic_iri_mapping</c> (JSON-LD 1.1 API "cyclic IRI mapping"): A term definition depends on itself.</summary>
    public static readonly ErrorCode CyclicIriMapping = new("jsonld.cyclic_iri_mapping", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_id_value</c> (JSON-LD 1.1 API "invalid @id value"): An <c>@id</c> value is not a string.</summary>
    public static readonly ErrorCode InvalidIdValue = new("jsonld.invalid_id_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_import_value</c> (JSON-LD 1.1 API "invalid @import value"): An <c>@import</c> value is not a string.</summary>
    public static readonly ErrorCode InvalidImportValue = new("jsonld.invalid_import_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_included_value</c> (JSON-LD 1.1 API "invalid @included value"): An <c>@included</c> value is not a node object.</summary>
    public static readonly ErrorCode InvalidIncludedValue = new("jsonld.invalid_included_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_index_value</c> (JSON-LD 1.1 API "invalid @index value"): An <c>@index</c> value is not a string.</summary>
    public static readonly ErrorCode InvalidIndexValue = new("jsonld.invalid_index_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_nest_value</c> (JSON-LD 1.1 API "invalid @nest value"): An <c>@nest</c> value, or a term's <c>@nest</c> mapping, is invalid.</summary>
    public static readonly ErrorCode InvalidNestValue = new("jsonld.invalid_nest_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_prefix_value</c> (JSON-LD 1.1 API "invalid @prefix value"): A term's <c>@prefix</c> is not a boolean.</summary>
    public static readonly ErrorCode InvalidPrefixValue = new("jsonld.invalid_prefix_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_propagate_value</c> (JSON-LD 1.1 API "invalid @propagate value"): A context's <c>@propagate</c> is not a boolean.</summary>
    public static readonly ErrorCode InvalidPropagateValue = new("jsonld.invalid_propagate_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_protected_value</c> (JSON-LD 1.1 API "invalid @protected value"): An <c>@protected</c> value is not a boolean.</summary>
    public static readonly ErrorCode InvalidProtectedValue = new("jsonld.invalid_protected_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_reverse_value</c> (JSON-LD 1.1 API "invalid @reverse value"): An <c>@reverse</c> value is not an object.</summary>
    public static readonly ErrorCode InvalidReverseValue = new("jsonld.invalid_reverse_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_version_value</c> (JSON-LD 1.1 API "invalid @version value"): A context's <c>@version</c> is not 1.1.</summary>
    public static readonly ErrorCode InvalidVersionValue = new("jsonld.invalid_version_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_base_direction</c> (JSON-LD 1.1 API "invalid base direction"): A <c>@direction</c> value is not <c>ltr</c>, <c>rtl</c> or null.</summary>
    public static readonly ErrorCode InvalidBaseDirection = new("jsonld.invalid_base_direction", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_base_iri</c> (JSON-LD 1.1 API "invalid base IRI"): A context's <c>@base</c> is neither an IRI nor null.</summary>
    public static readonly ErrorCode InvalidBaseIri = new("jsonld.invalid_base_iri", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_container_mapping</c> (JSON-LD 1.1 API "invalid container mapping"): A term's <c>@container</c> is not one of the allowed forms.</summary>
    public static readonly ErrorCode InvalidContainerMapping = new("jsonld.invalid_container_mapping", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_context_entry</c> (JSON-LD 1.1 API "invalid context entry"): A context entry is not allowed in this processing mode, or an imported context has <c>@import</c>.</summary>
    public static readonly ErrorCode InvalidContextEntry = new("jsonld.invalid_context_entry", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_context_nullification</c> (JSON-LD 1.1 API "invalid context nullification"): A context sets <c>null</c> while protected terms are in scope.</summary>
    public static readonly ErrorCode InvalidContextNullification = new("jsonld.invalid_context_nullification", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_default_language</c> (JSON-LD 1.1 API "invalid default language"): A context's <c>@language</c> is not a string or null.</summary>
    public static readonly ErrorCode InvalidDefaultLanguage = new("jsonld.invalid_default_language", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_iri_mapping</c> (JSON-LD 1.1 API "invalid IRI mapping"): A term does not map to an IRI, a blank node identifier or a keyword.</summary>
    public static readonly ErrorCode InvalidIriMapping = new("jsonld.invalid_iri_mapping", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_json_literal</c> (JSON-LD 1.1 API "invalid JSON literal"): A JSON literal is invalid.</summary>
    public static readonly ErrorCode InvalidJsonLiteral = new("jsonld.invalid_json_literal", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_keyword_alias</c> (JSON-LD 1.1 API "invalid keyword alias"): A term is an alias of <c>@context</c>.</summary>
    public static readonly ErrorCode InvalidKeywordAlias = new("jsonld.invalid_keyword_alias", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_language_map_value</c> (JSON-LD 1.1 API "invalid language map value"): A language map holds a value that is not a string.</summary>
    public static readonly ErrorCode InvalidLanguageMapValue = new("jsonld.invalid_language_map_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_language_mapping</c> (JSON-LD 1.1 API "invalid language mapping"): A term's <c>@language</c> is not a string or null.</summary>
    public static readonly ErrorCode InvalidLanguageMapping = new("jsonld.invalid_language_mapping", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_language_tagged_string</c> (JSON-LD 1.1 API "invalid language-tagged string"): An <c>@language</c> value is not a string.</summary>
    public static readonly ErrorCode InvalidLanguageTaggedString = new("jsonld.invalid_language_tagged_string", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_language_tagged_value</c> (JSON-LD 1.1 API "invalid language-tagged value"): A number or boolean carries a language tag.</summary>
    public static readonly ErrorCode InvalidLanguageTaggedValue = new("jsonld.invalid_language_tagged_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_local_context</c> (JSON-LD 1.1 API "invalid local context"): A context is neither an object, a string nor null.</summary>
    public static readonly ErrorCode InvalidLocalContext = new("jsonld.invalid_local_context", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_remote_context</c> (JSON-LD 1.1 API "invalid remote context"): A loaded context document has no top-level <c>@context</c> (or <c>@import</c> does not give an object).</summary>
    public static readonly ErrorCode InvalidRemoteContext = new("jsonld.invalid_remote_context", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_reverse_property</c> (JSON-LD 1.1 API "invalid reverse property"): A reverse property definition is invalid.</summary>
    public static readonly ErrorCode InvalidReverseProperty = new("jsonld.invalid_reverse_property", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_reverse_property_map</c> (JSON-LD 1.1 API "invalid reverse property map"): A keyword appears inside an <c>@reverse</c> map.</summary>
    public static readonly ErrorCode InvalidReversePropertyMap = new("jsonld.invalid_reverse_property_map", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_reverse_property_value</c> (JSON-LD 1.1 API "invalid reverse property value"): A reverse property value is a value or list object.</summary>
    public static readonly ErrorCode InvalidReversePropertyValue = new("jsonld.invalid_reverse_property_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_scoped_context</c> (JSON-LD 1.1 API "invalid scoped context"): A term's scoped context (<c>@context</c> inside a term definition) is invalid.</summary>
    public static readonly ErrorCode InvalidScopedContext = new("jsonld.invalid_scoped_context", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_set_or_list_object</c> (JSON-LD 1.1 API "invalid set or list object"): An <c>@set</c> or <c>@list</c> object has entries other than <c>@index</c>.</summary>
    public static readonly ErrorCode InvalidSetOrListObject = new("jsonld.invalid_set_or_list_object", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_term_definition</c> (JSON-LD 1.1 API "invalid term definition"): A term definition is invalid (empty term, unknown entry, wrong processing mode).</summary>
    public static readonly ErrorCode InvalidTermDefinition = new("jsonld.invalid_term_definition", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_type_mapping</c> (JSON-LD 1.1 API "invalid type mapping"): A term's <c>@type</c> is not an IRI, <c>@id</c>, <c>@vocab</c>, <c>@json</c> or <c>@none</c>.</summary>
    public static readonly ErrorCode InvalidTypeMapping = new("jsonld.invalid_type_mapping", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_type_value</c> (JSON-LD 1.1 API "invalid type value"): An <c>@type</c> value is not a string or an array of strings.</summary>
    public static readonly ErrorCode InvalidTypeValue = new("jsonld.invalid_type_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_typed_value</c> (JSON-LD 1.1 API "invalid typed value"): A value object's <c>@type</c> is not one IRI.</summary>
    public static readonly ErrorCode InvalidTypedValue = new("jsonld.invalid_typed_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_value_object</c> (JSON-LD 1.1 API "invalid value object"): A value object has entries that are not allowed together.</summary>
    public static readonly ErrorCode InvalidValueObject = new("jsonld.invalid_value_object", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_value_object_value</c> (JSON-LD 1.1 API "invalid value object value"): An <c>@value</c> is an object or an array without <c>@type: @json</c>.</summary>
    public static readonly ErrorCode InvalidValueObjectValue = new("jsonld.invalid_value_object_value", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.invalid_vocab_mapping</c> (JSON-LD 1.1 API "invalid vocab mapping"): A context's <c>@vocab</c> is neither an IRI, a blank node identifier nor null.</summary>
    public static readonly ErrorCode InvalidVocabMapping = new("jsonld.invalid_vocab_mapping", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.keyword_redefinition</c> (JSON-LD 1.1 API "keyword redefinition"): A context redefines a keyword.</summary>
    public static readonly ErrorCode KeywordRedefinition = new("jsonld.keyword_redefinition", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.loading_document_failed</c> (JSON-LD 1.1 API "loading document failed"): The document could not be processed: it is not a JSON object or array, holds a string that is not well-formed, or its URL or a context reference is not an absolute IRI.</summary>
    public static readonly ErrorCode LoadingDocumentFailed = new("jsonld.loading_document_failed", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.loading_remote_context_failed</c> (JSON-LD 1.1 API "loading remote context failed"): A context could not be loaded: the document loader does not serve its URL or failed (<c>Inner</c> holds the loader's error).</summary>
    public static readonly ErrorCode LoadingRemoteContextFailed = new("jsonld.loading_remote_context_failed", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>jsonld.processing_mode_conflict</c> (JSON-LD 1.1 API "processing mode conflict"): <c>@version</c> 1.1 is used while processing in JSON-LD 1.0 mode.</summary>
    public static readonly ErrorCode ProcessingModeConflict = new("jsonld.processing_mode_conflict", VerificationFailureKind.Malformed);

    /// <summary><c>jsonld.protected_term_redefinition</c> (JSON-LD 1.1 API "protected term redefinition"): A protected term is redefined differently outside a property-scoped context.</summary>
    public static readonly ErrorCode ProtectedTermRedefinition = new("jsonld.protected_term_redefinition", VerificationFailureKind.Malformed);
}
