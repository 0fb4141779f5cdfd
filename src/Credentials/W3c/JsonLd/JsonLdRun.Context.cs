using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.W3c.JsonLd;

/// <summary>Context processing (JSON-LD 1.1 API sections 4.1 and 4.2) and IRI expansion (section 5.2).</summary>
internal sealed partial class JsonLdRun
{
    private const int FlagOverrideProtected = 1;
    private const int FlagPropagate = 2;
    private const int FlagValidateScoped = 4;
    private const int FlagJsonLd10 = 8;

    private Dictionary<(ActiveContext Parent, object Source, int Flags), ActiveContext>? _runCache;
    private int _contextDepth;

    // While a scoped context is validated (step 21 of Create Term Definition) the context it is applied to is still
    // being built, so nothing derived from it may be cached.
    private int _validating;

    /// <summary>
    /// The Context Processing algorithm (JSON-LD 1.1 API section 4.1.2). <paramref name="trusted"/> says whether
    /// <paramref name="local"/> comes from a pinned document (so the result may be cached across documents), and
    /// <paramref name="cacheSource"/>, when given, is the stable object the whole result is cached under.
    /// </summary>
    public ActiveContext ProcessContext(
        ActiveContext active,
        JsonElement local,
        string? baseUrl,
        RemoteChain? remote,
        bool overrideProtected,
        bool propagate,
        bool validateScoped,
        bool trusted,
        object? cacheSource = null)
    {
        var flags = Flags(overrideProtected, propagate, validateScoped);
        if (cacheSource is not null && TryGetCached(active, cacheSource, flags, out var cached))
        {
            return cached;
        }

        if (++_contextDepth > _options.MaxDepth)
        {
            throw new JsonLdException(JsonLdErrors.TooDeep, "Context processing nests too deeply.");
        }

        try
        {
            // Step 2: @propagate is read first; its value is checked with the rest of the context definition.
            if (local.ValueKind == JsonValueKind.Object && local.TryGetProperty("@propagate", out var propagateValue)
                && propagateValue.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                propagate = propagateValue.ValueKind == JsonValueKind.True;
            }

            var result = active;
            if (local.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in local.EnumerateArray())
                {
                    result = ProcessContextItem(active, result, item, baseUrl, remote, overrideProtected, validateScoped, trusted);
                }
            }
            else
            {
                result = ProcessContextItem(active, result, local, baseUrl, remote, overrideProtected, validateScoped, trusted);
            }

            // Step 3: a context that does not propagate remembers the context to revert to.
            if (!propagate && result.Previous is null)
            {
                result = result.WithPrevious(active);
            }

            return cacheSource is null ? result : AddCached(active, cacheSource, flags, result);
        }
        finally
        {
            _contextDepth--;
        }
    }

    private int Flags(bool overrideProtected, bool propagate, bool validateScoped)
        => (overrideProtected ? FlagOverrideProtected : 0) | (propagate ? FlagPropagate : 0)
        | (validateScoped ? FlagValidateScoped : 0) | (_jsonLd10 ? FlagJsonLd10 : 0);

    private bool TryGetCached(ActiveContext parent, object source, int flags, out ActiveContext derived)
    {
        if (_validating > 0)
        {
            derived = null!;
            return false;
        }

        if (parent.Cacheable && parent.TryGetDerived(source, flags, out derived))
        {
            return true;
        }

        if (_runCache is not null && _runCache.TryGetValue((parent, source, flags), out derived!))
        {
            return true;
        }

        derived = null!;
        return false;
    }

    private ActiveContext AddCached(ActiveContext parent, object source, int flags, ActiveContext derived)
    {
        if (_validating > 0)
        {
            return derived;
        }

        if (parent.Cacheable && derived.Cacheable)
        {
            return parent.AddDerived(source, flags, derived);
        }

        _runCache ??= new Dictionary<(ActiveContext, object, int), ActiveContext>();
        _runCache[(parent, source, flags)] = derived;
        return derived;
    }

    // Step 5 of the Context Processing algorithm, for one context of the local context array.
    private ActiveContext ProcessContextItem(
        ActiveContext active,
        ActiveContext result,
        JsonElement context,
        string? baseUrl,
        RemoteChain? remote,
        bool overrideProtected,
        bool validateScoped,
        bool trusted)
    {
        switch (context.ValueKind)
        {
            case JsonValueKind.Null:
                // Step 5.1.
                if (!overrideProtected && result.HasProtectedTerms())
                {
                    throw new JsonLdException(JsonLdErrors.InvalidContextNullification, "A context nullifies protected terms.");
                }

                var reset = ActiveContext.Create(active.OriginalBaseUrl, active.Cacheable, _jsonLd10);
                return reset;

            case JsonValueKind.String:
                return ProcessRemoteContext(result, context.GetString()!, baseUrl, remote, overrideProtected, validateScoped);

            case JsonValueKind.Object:
                return ProcessContextDefinition(result, context, baseUrl, remote, overrideProtected, trusted);

            default:
                throw new JsonLdException(JsonLdErrors.InvalidLocalContext, "A context is neither an object, a string nor null.");
        }
    }

    // Step 5.2: a reference to a remote context.
    private ActiveContext ProcessRemoteContext(
        ActiveContext result,
        string reference,
        string? baseUrl,
        RemoteChain? remote,
        bool overrideProtected,
        bool validateScoped)
    {
        var url = JsonLdIri.Resolve(baseUrl, reference);
        if (!JsonLdIri.IsAbsolute(url))
        {
            throw new JsonLdException(JsonLdErrors.LoadingDocumentFailed, "A context reference does not resolve to an absolute IRI.");
        }

        // Step 5.2.2: scoped contexts are validated once, not recursively.
        if (!validateScoped && RemoteChain.Contains(remote, url))
        {
            return result;
        }

        // Step 5.2.3: the limit is on the chain of contexts that include one another (which ends inclusion loops);
        // contexts listed side by side do not count against each other.
        if (RemoteChain.Count(remote) >= _options.MaxRemoteContextDepth)
        {
            throw new JsonLdException(JsonLdErrors.ContextOverflow, "Remote contexts nest too deeply.");
        }

        remote = new RemoteChain(url, remote);
        var document = LoadContext(url);
        var flags = Flags(overrideProtected, propagate: true, validateScoped);
        if (TryGetCached(result, document, flags, out var cached))
        {
            return cached;
        }

        // Step 5.2.5.
        if (document.Document.ValueKind != JsonValueKind.Object || !document.Document.TryGetProperty("@context", out var loaded))
        {
            throw new JsonLdException(JsonLdErrors.InvalidRemoteContext, "A remote context document has no top-level @context.");
        }

        // Step 5.2.6.
        var derived = ProcessContext(result, loaded, document.DocumentUrlText, remote, overrideProtected, propagate: true, validateScoped, trusted: document.IsPinned);
        return AddCached(result, document, flags, derived);
    }

    // Steps 5.4 to 5.13: a context definition.
    private ActiveContext ProcessContextDefinition(
        ActiveContext active,
        JsonElement context,
        string? baseUrl,
        RemoteChain? remote,
        bool overrideProtected,
        bool trusted)
    {
        var local = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in context.EnumerateObject())
        {
            local[entry.Name] = entry.Value;
        }

        // Step 5.5.
        if (local.TryGetValue("@version", out var version))
        {
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetDouble(out var number) || number != 1.1)
            {
                throw new JsonLdException(JsonLdErrors.InvalidVersionValue, "@version is not 1.1.");
            }

            if (_jsonLd10)
            {
                throw new JsonLdException(JsonLdErrors.ProcessingModeConflict, "@version 1.1 in JSON-LD 1.0 mode.");
            }
        }

        // Step 5.6.
        if (local.TryGetValue("@import", out var import))
        {
            if (_jsonLd10)
            {
                throw new JsonLdException(JsonLdErrors.InvalidContextEntry, "@import in JSON-LD 1.0 mode.");
            }

            if (import.ValueKind != JsonValueKind.String)
            {
                throw new JsonLdException(JsonLdErrors.InvalidImportValue, "@import is not a string.");
            }

            var importUrl = JsonLdIri.Resolve(baseUrl, import.GetString()!);
            if (!JsonLdIri.IsAbsolute(importUrl))
            {
                throw new JsonLdException(JsonLdErrors.LoadingRemoteContextFailed, "@import does not resolve to an absolute IRI.");
            }

            var document = LoadContext(importUrl);
            if (document.Document.ValueKind != JsonValueKind.Object
                || !document.Document.TryGetProperty("@context", out var importContext)
                || importContext.ValueKind != JsonValueKind.Object)
            {
                throw new JsonLdException(JsonLdErrors.InvalidRemoteContext, "An imported document has no @context object.");
            }

            if (importContext.TryGetProperty("@import", out _))
            {
                throw new JsonLdException(JsonLdErrors.InvalidContextEntry, "An imported context has @import.");
            }

            foreach (var entry in importContext.EnumerateObject())
            {
                local.TryAdd(entry.Name, entry.Value);
            }

            trusted &= document.IsPinned;
        }

        var result = active.CloneForUpdate(trusted);

        // Step 5.7: @base is ignored in remote contexts.
        if (local.TryGetValue("@base", out var baseValue) && remote is null)
        {
            if (baseValue.ValueKind == JsonValueKind.Null)
            {
                result.BaseIri = null;
            }
            else if (baseValue.ValueKind == JsonValueKind.String)
            {
                var value = baseValue.GetString()!;
                if (JsonLdIri.IsAbsolute(value))
                {
                    result.BaseIri = value;
                }
                else if (result.BaseIri is not null)
                {
                    result.BaseIri = JsonLdIri.Resolve(result.BaseIri, value);
                }
                else
                {
                    throw new JsonLdException(JsonLdErrors.InvalidBaseIri, "@base is relative and there is no base IRI.");
                }
            }
            else
            {
                throw new JsonLdException(JsonLdErrors.InvalidBaseIri, "@base is neither a string nor null.");
            }
        }

        // Step 5.8.
        if (local.TryGetValue("@vocab", out var vocab))
        {
            if (vocab.ValueKind == JsonValueKind.Null)
            {
                result.Vocab = null;
            }
            else if (vocab.ValueKind == JsonValueKind.String)
            {
                var value = vocab.GetString()!;
                if (_jsonLd10 && !JsonLdIri.IsAbsolute(value) && !JsonLdIri.IsBlankNode(value))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidVocabMapping, "@vocab is not an absolute IRI.");
                }

                var expanded = ExpandIri(result, value, documentRelative: true, vocab: true);
                if (expanded is null || (!JsonLdIri.IsAbsolute(expanded) && !JsonLdIri.IsBlankNode(expanded)))
                {
                    if (expanded is null || JsonLdIri.IsKeyword(expanded))
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidVocabMapping, "@vocab is not an IRI.");
                    }

                    if (_options.SafeMode)
                    {
                        throw new JsonLdException(JsonLdErrors.RelativeIri, "@vocab is a relative IRI reference.");
                    }
                }

                result.Vocab = expanded;
            }
            else
            {
                throw new JsonLdException(JsonLdErrors.InvalidVocabMapping, "@vocab is neither a string nor null.");
            }
        }

        // Step 5.9.
        if (local.TryGetValue("@language", out var language))
        {
            result.DefaultLanguage = language.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => language.GetString()!.ToLowerInvariant(),
                _ => throw new JsonLdException(JsonLdErrors.InvalidDefaultLanguage, "@language is neither a string nor null."),
            };
        }

        // Step 5.10.
        if (local.TryGetValue("@direction", out var direction))
        {
            if (_jsonLd10)
            {
                throw new JsonLdException(JsonLdErrors.InvalidContextEntry, "@direction in JSON-LD 1.0 mode.");
            }

            result.DefaultDirection = direction.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String when direction.ValueEquals("ltr") => "ltr",
                JsonValueKind.String when direction.ValueEquals("rtl") => "rtl",
                _ => throw new JsonLdException(JsonLdErrors.InvalidBaseDirection, "@direction is not ltr, rtl or null."),
            };
        }

        // Step 5.11.
        if (local.TryGetValue("@propagate", out var propagate))
        {
            if (_jsonLd10)
            {
                throw new JsonLdException(JsonLdErrors.InvalidContextEntry, "@propagate in JSON-LD 1.0 mode.");
            }

            if (propagate.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new JsonLdException(JsonLdErrors.InvalidPropagateValue, "@propagate is not a boolean.");
            }
        }

        var defaultProtected = false;
        if (local.TryGetValue("@protected", out var protectedValue))
        {
            defaultProtected = protectedValue.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new JsonLdException(JsonLdErrors.InvalidProtectedValue, "@protected is not a boolean."),
            };
        }

        // Steps 5.12 and 5.13.
        var definitionContext = new DefinitionContext(local, baseUrl, defaultProtected, overrideProtected, remote, result.Cacheable);
        foreach (var term in local.Keys)
        {
            switch (term)
            {
                case "@base":
                case "@direction":
                case "@import":
                case "@language":
                case "@propagate":
                case "@protected":
                case "@version":
                case "@vocab":
                    continue;
                default:
                    CreateTermDefinition(result, definitionContext, term);
                    break;
            }
        }

        return result;
    }

    /// <summary>What the Create Term Definition algorithm needs from the context definition being processed.</summary>
    private sealed class DefinitionContext(
        Dictionary<string, JsonElement> local,
        string? baseUrl,
        bool defaultProtected,
        bool overrideProtected,
        RemoteChain? remote,
        bool cacheable)
    {
        public Dictionary<string, JsonElement> Local { get; } = local;

        public Dictionary<string, bool> Defined { get; } = new(StringComparer.Ordinal);

        public string? BaseUrl { get; } = baseUrl;

        public bool DefaultProtected { get; } = defaultProtected;

        public bool OverrideProtected { get; } = overrideProtected;

        public RemoteChain? Remote { get; } = remote;

        public bool Cacheable { get; } = cacheable;
    }

    /// <summary>The Create Term Definition algorithm (JSON-LD 1.1 API section 4.2.2).</summary>
    private void CreateTermDefinition(ActiveContext active, DefinitionContext definitions, string term)
    {
        // Step 1.
        if (definitions.Defined.TryGetValue(term, out var done))
        {
            if (done)
            {
                return;
            }

            throw new JsonLdException(JsonLdErrors.CyclicIriMapping, "A term definition depends on itself.");
        }

        // Step 2.
        if (term.Length == 0)
        {
            throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "A term is the empty string.");
        }

        definitions.Defined[term] = false;

        // Step 3.
        var value = definitions.Local[term];

        // Step 4.
        if (term == "@type")
        {
            if (_jsonLd10)
            {
                throw new JsonLdException(JsonLdErrors.KeywordRedefinition, "@type is redefined in JSON-LD 1.0 mode.");
            }

            var valid = value.ValueKind == JsonValueKind.Object;
            var any = false;
            if (valid)
            {
                foreach (var entry in value.EnumerateObject())
                {
                    any = true;
                    if (entry.NameEquals("@container"))
                    {
                        valid &= entry.Value.ValueKind == JsonValueKind.String && entry.Value.ValueEquals("@set");
                    }
                    else if (!entry.NameEquals("@protected"))
                    {
                        valid = false;
                    }
                }
            }

            if (!valid || !any)
            {
                throw new JsonLdException(JsonLdErrors.KeywordRedefinition, "@type may only be given @container @set and @protected.");
            }
        }
        else if (JsonLdIri.IsKeyword(term))
        {
            // Step 5.
            throw new JsonLdException(JsonLdErrors.KeywordRedefinition, "A context redefines a keyword.");
        }
        else if (JsonLdIri.HasKeywordForm(term))
        {
            definitions.Defined[term] = true;
            return;
        }

        // Step 6.
        var previous = active.Get(term);
        active.Remove(term);

        // Steps 7 to 9.
        bool simpleTerm;
        JsonElement idValue = default;
        var hasId = false;
        var map = default(JsonElement);
        if (value.ValueKind == JsonValueKind.Null)
        {
            simpleTerm = false;
            hasId = true;
            idValue = value;
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            simpleTerm = true;
            hasId = true;
            idValue = value;
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            simpleTerm = false;
            map = value;
            hasId = value.TryGetProperty("@id", out idValue);
        }
        else
        {
            throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "A term definition is neither a string, an object nor null.");
        }

        var isMap = map.ValueKind == JsonValueKind.Object;

        // Step 10.
        var definition = new TermDefinition { Protected = definitions.DefaultProtected, Cacheable = definitions.Cacheable };

        // Step 11.
        if (isMap && map.TryGetProperty("@protected", out var protectedValue))
        {
            if (_jsonLd10)
            {
                throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "@protected in JSON-LD 1.0 mode.");
            }

            definition.Protected = protectedValue.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new JsonLdException(JsonLdErrors.InvalidProtectedValue, "@protected is not a boolean."),
            };
        }

        // Step 12.
        if (isMap && map.TryGetProperty("@type", out var typeValue))
        {
            if (typeValue.ValueKind != JsonValueKind.String)
            {
                throw new JsonLdException(JsonLdErrors.InvalidTypeMapping, "A term's @type is not a string.");
            }

            var type = ExpandIri(active, typeValue.GetString()!, documentRelative: false, vocab: true, definitions);
            if (type is "@json" or "@none")
            {
                if (_jsonLd10)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTypeMapping, "@json or @none type mapping in JSON-LD 1.0 mode.");
                }
            }
            else if (type is not ("@id" or "@vocab") && (type is null || !JsonLdIri.IsAbsolute(type) || JsonLdIri.IsBlankNode(type)))
            {
                throw new JsonLdException(JsonLdErrors.InvalidTypeMapping, "A term's @type is not an IRI.");
            }

            definition.TypeMapping = type;
        }

        // Step 13.
        if (isMap && map.TryGetProperty("@reverse", out var reverseValue))
        {
            if (hasId || map.TryGetProperty("@nest", out _))
            {
                throw new JsonLdException(JsonLdErrors.InvalidReverseProperty, "A reverse property has @id or @nest.");
            }

            if (reverseValue.ValueKind != JsonValueKind.String)
            {
                throw new JsonLdException(JsonLdErrors.InvalidIriMapping, "@reverse is not a string.");
            }

            var reverse = reverseValue.GetString()!;
            if (JsonLdIri.HasKeywordForm(reverse))
            {
                definitions.Defined[term] = true;
                return;
            }

            var iri = ExpandIri(active, reverse, documentRelative: false, vocab: true, definitions);
            if (iri is null || !(JsonLdIri.IsAbsolute(iri) || JsonLdIri.IsBlankNode(iri)))
            {
                throw new JsonLdException(JsonLdErrors.InvalidIriMapping, "@reverse does not expand to an IRI or a blank node identifier.");
            }

            definition.Iri = iri;
            if (map.TryGetProperty("@container", out var reverseContainer))
            {
                if (reverseContainer.ValueKind == JsonValueKind.Null)
                {
                    definition.HasContainer = false;
                }
                else if (reverseContainer.ValueKind == JsonValueKind.String && (reverseContainer.ValueEquals("@set") || reverseContainer.ValueEquals("@index")))
                {
                    definition.HasContainer = true;
                    definition.Container = reverseContainer.ValueEquals("@set") ? Container.Set : Container.Index;
                }
                else
                {
                    throw new JsonLdException(JsonLdErrors.InvalidReverseProperty, "A reverse property's @container is not @set, @index or null.");
                }
            }

            definition.Reverse = true;
            CheckRemainingEntries(map);
            Finish(active, definitions, term, definition, previous);
            return;
        }

        // Step 14.
        var termHasColon = JsonLdIri.ColonAfterFirst(term) > 0;
        var termHasInnerColon = term.Length > 2 && term.AsSpan(1, term.Length - 2).Contains(':');
        if (hasId && !(idValue.ValueKind == JsonValueKind.String && idValue.ValueEquals(term)))
        {
            if (idValue.ValueKind == JsonValueKind.Null)
            {
                // Step 14.1: the term is reserved, not used for IRI expansion.
                definition.Iri = null;
            }
            else
            {
                if (idValue.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidIriMapping, "A term's @id is not a string.");
                }

                var id = idValue.GetString()!;
                if (!JsonLdIri.IsKeyword(id) && JsonLdIri.HasKeywordForm(id))
                {
                    definitions.Defined[term] = true;
                    return;
                }

                var iri = ExpandIri(active, id, documentRelative: false, vocab: true, definitions);
                if (iri is null || (!JsonLdIri.IsKeyword(iri) && !JsonLdIri.IsAbsolute(iri) && !JsonLdIri.IsBlankNode(iri)))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidIriMapping, "A term's @id does not expand to an IRI, a blank node identifier or a keyword.");
                }

                if (iri == "@context")
                {
                    throw new JsonLdException(JsonLdErrors.InvalidKeywordAlias, "A term is an alias of @context.");
                }

                definition.Iri = iri;

                // Step 14.2.4: a term that looks like an IRI must expand to its own mapping.
                if (termHasInnerColon || term.Contains('/', StringComparison.Ordinal))
                {
                    definitions.Defined[term] = true;
                    var own = ExpandIri(active, term, documentRelative: false, vocab: true, definitions);
                    if (!string.Equals(own, iri, StringComparison.Ordinal))
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidIriMapping, "A term in the form of an IRI maps to another IRI.");
                    }
                }

                // Step 14.2.5.
                if (simpleTerm && !term.Contains(':', StringComparison.Ordinal) && !term.Contains('/', StringComparison.Ordinal)
                    && (JsonLdIri.EndsWithGenDelim(iri) || JsonLdIri.IsBlankNode(iri)))
                {
                    definition.Prefix = true;
                }
            }
        }
        else if (termHasColon)
        {
            // Step 15.
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            var prefix = term[..colon];
            if (definitions.Local.ContainsKey(prefix))
            {
                CreateTermDefinition(active, definitions, prefix);
            }

            var prefixDefinition = active.Get(prefix);
            definition.Iri = prefixDefinition is not null ? prefixDefinition.Iri + term[(colon + 1)..] : term;
        }
        else if (term.Contains('/', StringComparison.Ordinal))
        {
            // Step 16.
            var iri = ExpandIri(active, term, documentRelative: false, vocab: true);
            if (iri is null || !JsonLdIri.IsAbsolute(iri))
            {
                throw new JsonLdException(JsonLdErrors.InvalidIriMapping, "A relative IRI term does not expand to an IRI.");
            }

            definition.Iri = iri;
        }
        else if (term == "@type")
        {
            // Step 17.
            definition.Iri = "@type";
        }
        else if (active.Vocab is not null)
        {
            // Step 18.
            definition.Iri = active.Vocab + term;
        }
        else
        {
            throw new JsonLdException(JsonLdErrors.InvalidIriMapping, "A term has no IRI mapping and there is no vocabulary mapping.");
        }

        if (isMap)
        {
            // Step 19.
            if (map.TryGetProperty("@container", out var containerValue) && containerValue.ValueKind != JsonValueKind.Null)
            {
                definition.Container = ParseContainer(containerValue);
                definition.HasContainer = true;
                if ((definition.Container & Container.Type) != 0)
                {
                    definition.TypeMapping ??= "@id";
                    if (definition.TypeMapping is not ("@id" or "@vocab"))
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidTypeMapping, "A @type container needs an @id or @vocab type mapping.");
                    }
                }
            }

            // Step 20.
            if (map.TryGetProperty("@index", out var indexValue))
            {
                if (_jsonLd10 || (definition.Container & Container.Index) == 0)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "@index without an @index container.");
                }

                if (indexValue.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "@index is not a string.");
                }

                var index = indexValue.GetString()!;
                var expandedIndex = ExpandIri(active, index, documentRelative: false, vocab: true, definitions);
                if (expandedIndex is null || JsonLdIri.IsKeyword(expandedIndex) || !JsonLdIri.IsAbsolute(expandedIndex))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "@index does not expand to an IRI.");
                }

                definition.IndexMapping = index;
            }

            // Step 21.
            if (map.TryGetProperty("@context", out var scoped))
            {
                if (_jsonLd10)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "A scoped context in JSON-LD 1.0 mode.");
                }

                _validating++;
                try
                {
                    ProcessContext(active, scoped, definitions.BaseUrl, definitions.Remote, overrideProtected: true, propagate: true, validateScoped: false, trusted: definitions.Cacheable);
                }
                catch (JsonLdException e) when (e.Code != JsonLdErrors.TooDeep && e.Code != JsonLdErrors.TooManyContexts)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidScopedContext, "A term's scoped context is invalid.", e.ToError());
                }
                finally
                {
                    _validating--;
                }

                definition.HasContext = true;
                definition.Context = scoped;
                definition.BaseUrl = definitions.BaseUrl;
            }

            // Step 22.
            if (map.TryGetProperty("@language", out var languageValue) && !map.TryGetProperty("@type", out _))
            {
                definition.HasLanguage = true;
                definition.Language = languageValue.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => languageValue.GetString()!.ToLowerInvariant(),
                    _ => throw new JsonLdException(JsonLdErrors.InvalidLanguageMapping, "A term's @language is neither a string nor null."),
                };
            }

            // Step 23.
            if (map.TryGetProperty("@direction", out var directionValue) && !map.TryGetProperty("@type", out _))
            {
                definition.HasDirection = true;
                definition.Direction = directionValue.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String when directionValue.ValueEquals("ltr") => "ltr",
                    JsonValueKind.String when directionValue.ValueEquals("rtl") => "rtl",
                    _ => throw new JsonLdException(JsonLdErrors.InvalidBaseDirection, "A term's @direction is not ltr, rtl or null."),
                };
            }

            // Step 24.
            if (map.TryGetProperty("@nest", out var nestValue))
            {
                if (_jsonLd10)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "@nest in JSON-LD 1.0 mode.");
                }

                if (nestValue.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidNestValue, "@nest is not a string.");
                }

                var nest = nestValue.GetString()!;
                if (JsonLdIri.IsKeyword(nest) && nest != "@nest")
                {
                    throw new JsonLdException(JsonLdErrors.InvalidNestValue, "@nest is a keyword other than @nest.");
                }

                definition.Nest = nest;
            }

            // Step 25.
            if (map.TryGetProperty("@prefix", out var prefixValue))
            {
                if (_jsonLd10 || term.Contains(':', StringComparison.Ordinal) || term.Contains('/', StringComparison.Ordinal))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "@prefix on a term that is a compact or relative IRI, or in JSON-LD 1.0 mode.");
                }

                definition.Prefix = prefixValue.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new JsonLdException(JsonLdErrors.InvalidPrefixValue, "@prefix is not a boolean."),
                };

                if (definition.Prefix && definition.Iri is not null && JsonLdIri.IsKeyword(definition.Iri))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "A keyword alias cannot be a prefix.");
                }
            }

            CheckRemainingEntries(map);
        }

        Finish(active, definitions, term, definition, previous);
    }

    // Step 26: no other entries.
    private void CheckRemainingEntries(JsonElement map)
    {
        foreach (var entry in map.EnumerateObject())
        {
            switch (entry.Name)
            {
                case "@id":
                case "@reverse":
                case "@container":
                case "@language":
                case "@type":
                    continue;
                case "@context":
                case "@direction":
                case "@index":
                case "@nest":
                case "@prefix":
                case "@protected":
                    if (_jsonLd10)
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "A JSON-LD 1.1 entry in a term definition in JSON-LD 1.0 mode.");
                    }

                    continue;
                default:
                    throw new JsonLdException(JsonLdErrors.InvalidTermDefinition, "A term definition has an unknown entry.");
            }
        }
    }

    // Steps 27 and 28.
    private static void Finish(ActiveContext active, DefinitionContext definitions, string term, TermDefinition definition, TermDefinition? previous)
    {
        if (!definitions.OverrideProtected && previous is { Protected: true })
        {
            if (!definition.SameAs(previous))
            {
                throw new JsonLdException(JsonLdErrors.ProtectedTermRedefinition, "A protected term is redefined.");
            }

            definition = previous;
        }

        active.Set(term, definition);
        definitions.Defined[term] = true;
    }

    private Container ParseContainer(JsonElement value)
    {
        var container = Container.None;
        var count = 0;
        if (value.ValueKind == JsonValueKind.String)
        {
            container = ContainerKeyword(value);
            count = 1;
            if (_jsonLd10 && (container & (Container.Graph | Container.Id | Container.Type)) != 0)
            {
                throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, "A JSON-LD 1.1 container in JSON-LD 1.0 mode.");
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && !_jsonLd10)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, "A container entry is not a string.");
                }

                var keyword = ContainerKeyword(item);
                if ((container & keyword) != 0)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, "A container repeats a keyword.");
                }

                container |= keyword;
                count++;
            }
        }
        else
        {
            throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, "A container is neither a keyword nor an array of keywords.");
        }

        // Step 19.1: the allowed combinations.
        var withoutSet = container & ~Container.Set;
        var valid = count == 0
            ? value.ValueKind == JsonValueKind.Array
            : (container & Container.List) != 0
                ? container == Container.List
                : (container & Container.Graph) != 0
                    ? (withoutSet & ~(Container.Graph | Container.Id | Container.Index)) == 0 && (withoutSet & (Container.Id | Container.Index)) != (Container.Id | Container.Index)
                    : withoutSet is Container.None or Container.Index or Container.Id or Container.Type or Container.Language;
        if (!valid)
        {
            throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, "The container mapping is not an allowed combination.");
        }

        return container;
    }

    private static Container ContainerKeyword(JsonElement value)
    {
        var keyword = value.GetString();
        return keyword switch
        {
            "@list" => Container.List,
            "@set" => Container.Set,
            "@index" => Container.Index,
            "@language" => Container.Language,
            "@id" => Container.Id,
            "@type" => Container.Type,
            "@graph" => Container.Graph,
            _ => throw new JsonLdException(JsonLdErrors.InvalidContainerMapping, "A container is not a container keyword."),
        };
    }

    /// <summary>The IRI Expansion algorithm (JSON-LD 1.1 API section 5.2.2).</summary>
    private string? ExpandIri(ActiveContext active, string value, bool documentRelative, bool vocab, DefinitionContext? definitions = null)
    {
        // Step 1.
        if (JsonLdIri.IsKeyword(value))
        {
            return value;
        }

        // Step 2.
        if (JsonLdIri.HasKeywordForm(value))
        {
            return null;
        }

        // Step 3.
        if (definitions is not null && definitions.Local.ContainsKey(value)
            && !(definitions.Defined.TryGetValue(value, out var defined) && defined))
        {
            CreateTermDefinition(active, definitions, value);
        }

        // Steps 4 and 5.
        var definition = active.Get(value);
        if (definition is not null)
        {
            if (definition.Iri is not null && JsonLdIri.IsKeyword(definition.Iri))
            {
                return definition.Iri;
            }

            if (vocab)
            {
                return definition.Iri;
            }
        }

        // Step 6.
        var colon = JsonLdIri.ColonAfterFirst(value);
        if (colon > 0)
        {
            var prefix = value[..colon];
            if (prefix == "_" || (value.Length > colon + 2 && value[colon + 1] == '/' && value[colon + 2] == '/'))
            {
                return value;
            }

            if (definitions is not null && definitions.Local.ContainsKey(prefix)
                && !(definitions.Defined.TryGetValue(prefix, out var prefixDefined) && prefixDefined))
            {
                CreateTermDefinition(active, definitions, prefix);
            }

            var prefixDefinition = active.Get(prefix);
            if (prefixDefinition is { Iri: not null, Prefix: true })
            {
                return string.Concat(prefixDefinition.Iri, value.AsSpan(colon + 1));
            }

            if (JsonLdIri.IsAbsolute(value))
            {
                return value;
            }
        }

        // Step 7.
        if (vocab && active.Vocab is not null)
        {
            return active.Vocab + value;
        }

        // Step 8.
        if (documentRelative)
        {
            return JsonLdIri.Resolve(active.BaseIri, value);
        }

        return value;
    }
}
