using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.W3c.JsonLd;

/// <summary>The Expansion algorithm (JSON-LD 1.1 API section 5.1) and Value Expansion (section 5.3).</summary>
internal sealed partial class JsonLdRun
{
    private int _items;
    private int _depth;

    /// <summary>
    /// Expands a document (JSON-LD 1.1 API section 9.2.2 <c>expand()</c> steps 5 to 8): the result is always a list of
    /// top-level items, with a top-level object that holds nothing but <c>@graph</c> replaced by its contents.
    /// </summary>
    public List<ExpandedItem> ExpandDocument(JsonElement document, string? documentUrl)
    {
        var baseIri = _options.Base?.OriginalString ?? documentUrl;
        var active = ActiveContext.Create(baseIri, cacheable: true, _jsonLd10);
        if (_settings.ExpandContext is { } expandContext)
        {
            var context = expandContext.ValueKind == JsonValueKind.Object && expandContext.TryGetProperty("@context", out var inner) ? inner : expandContext;
            active = ProcessContext(active, context, _settings.ExpandContextBase, null, overrideProtected: false, propagate: true, validateScoped: true, trusted: false);
        }

        var expanded = Expand(active, null, document, documentUrl ?? baseIri, fromMap: false, insideList: false);
        var result = new List<ExpandedItem>();
        switch (expanded)
        {
            case null:
                break;
            case List<ExpandedItem> list:
                result.AddRange(list);
                break;
            case NodeObject { IsSimpleGraphObject: true } graph:
                result.AddRange(graph.Graph!);
                break;
            case ExpandedItem item:
                result.Add(item);
                break;
        }

        return result;
    }

    private T Count<T>(T item)
        where T : ExpandedItem
    {
        if (++_items > _options.MaxExpandedItems)
        {
            throw new JsonLdException(JsonLdErrors.TooLarge, "Expansion produces too many items.");
        }

        return item;
    }

    private void Unsafe(ErrorCode code, string message)
    {
        if (_safe)
        {
            throw new JsonLdException(code, message);
        }
    }

    /// <summary>
    /// The Expansion algorithm (section 5.1.2). Returns <see langword="null"/>, one <see cref="ExpandedItem"/>, or a
    /// <see cref="List{T}"/> of them.
    /// </summary>
    private object? Expand(ActiveContext active, string? activeProperty, JsonElement element, string? baseUrl, bool fromMap, bool insideList)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                // Step 1.
                return null;

            case JsonValueKind.Array:
                return ExpandArray(active, activeProperty, element, baseUrl, fromMap, insideList);

            case JsonValueKind.Object:
                return ExpandObject(active, activeProperty, element, baseUrl, fromMap, insideList);

            default:
                // Step 4: a scalar.
                if (!insideList && (activeProperty is null || activeProperty == "@graph"))
                {
                    Unsafe(JsonLdErrors.DroppedValue, "A free-floating value is dropped.");
                    return null;
                }

                var definition = activeProperty is null ? null : active.Get(activeProperty);
                if (definition is { HasContext: true })
                {
                    active = ProcessContext(active, definition.Context, definition.BaseUrl, null, overrideProtected: true, propagate: true, validateScoped: true, trusted: definition.Cacheable, cacheSource: definition);
                }

                return ExpandValue(active, activeProperty, element);
        }
    }

    // Step 5.
    private List<ExpandedItem> ExpandArray(ActiveContext active, string? activeProperty, JsonElement element, string? baseUrl, bool fromMap, bool insideList)
    {
        Enter();
        try
        {
            var definition = activeProperty is null ? null : active.Get(activeProperty);
            var isList = insideList || (definition is not null && (definition.Container & Container.List) != 0);
            var result = new List<ExpandedItem>(element.GetArrayLength());
            foreach (var item in element.EnumerateArray())
            {
                var expanded = Expand(active, activeProperty, item, baseUrl, fromMap, insideList: false);
                if (isList && expanded is List<ExpandedItem> nested)
                {
                    // Step 5.2.2: an array in a list is a list.
                    expanded = Count(new ListObject(nested));
                }

                switch (expanded)
                {
                    case List<ExpandedItem> list:
                        result.AddRange(list);
                        break;
                    case ExpandedItem single:
                        result.Add(single);
                        break;
                }
            }

            return result;
        }
        finally
        {
            _depth--;
        }
    }

    private void Enter()
    {
        if (++_depth > _options.MaxDepth)
        {
            _depth--;
            throw new JsonLdException(JsonLdErrors.TooDeep, "The document nests too deeply.");
        }
    }

    // Steps 6 to 20: an object.
    private object? ExpandObject(ActiveContext active, string? activeProperty, JsonElement element, string? baseUrl, bool fromMap, bool insideList)
    {
        Enter();
        var entries = RentEntries(element);
        try
        {
            // Step 3.
            var propertyDefinition = activeProperty is null ? null : active.Get(activeProperty);

            // Step 7: a context that does not propagate ends where a new node object starts.
            if (active.Previous is not null && !fromMap && !IsValueOrReference(active, entries))
            {
                active = active.Previous;
            }

            // Step 8.
            if (propertyDefinition is { HasContext: true })
            {
                active = ProcessContext(active, propertyDefinition.Context, propertyDefinition.BaseUrl, null, overrideProtected: true, propagate: true, validateScoped: true, trusted: propertyDefinition.Cacheable, cacheSource: propertyDefinition);
            }

            // Step 9.
            foreach (var (name, value) in entries)
            {
                if (name == "@context")
                {
                    active = ProcessContext(active, value, baseUrl, null, overrideProtected: false, propagate: true, validateScoped: true, trusted: false);
                    break;
                }
            }

            // Step 10.
            var typeScoped = active;

            // Steps 11 and 12: type-scoped contexts, in code point order of keys and values, and the input type.
            string? inputType = null;
            var firstTypeKey = -1;
            var typeKeyCount = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var name = entries[i].Name;
                if (name != "@context" && ExpandIri(active, name, documentRelative: false, vocab: true) == "@type")
                {
                    typeKeyCount++;
                    if (firstTypeKey < 0 || string.CompareOrdinal(name, entries[firstTypeKey].Name) < 0)
                    {
                        firstTypeKey = i;
                    }
                }
            }

            if (typeKeyCount > 0)
            {
                if (typeKeyCount == 1)
                {
                    active = ApplyTypeScopedContexts(active, typeScoped, entries[firstTypeKey].Value);
                }
                else
                {
                    var typeKeys = new List<Entry>(typeKeyCount);
                    foreach (var entry in entries)
                    {
                        if (entry.Name != "@context" && ExpandIri(typeScoped, entry.Name, documentRelative: false, vocab: true) == "@type")
                        {
                            typeKeys.Add(entry);
                        }
                    }

                    typeKeys.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                    foreach (var entry in typeKeys)
                    {
                        active = ApplyTypeScopedContexts(active, typeScoped, entry.Value);
                    }
                }

                var first = entries[firstTypeKey].Value;
                var last = first.ValueKind == JsonValueKind.Array && first.GetArrayLength() > 0 ? first[first.GetArrayLength() - 1] : first;
                if (last.ValueKind == JsonValueKind.String)
                {
                    inputType = ExpandIri(active, last.GetString()!, documentRelative: true, vocab: true);
                }
            }

            // Steps 12 to 14.
            var result = new MapResult();
            ExpandEntries(active, typeScoped, activeProperty, entries, baseUrl, inputType, result);
            return Finish(active, activeProperty, result, insideList);
        }
        finally
        {
            ReturnEntries(entries);
            _depth--;
        }
    }

    // Step 11.2: the contexts of the types, in code point order.
    private ActiveContext ApplyTypeScopedContexts(ActiveContext active, ActiveContext typeScoped, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return ApplyTypeScopedContext(active, typeScoped, value.GetString()!);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return active;
        }

        var length = value.GetArrayLength();
        if (length == 1)
        {
            return value[0].ValueKind == JsonValueKind.String ? ApplyTypeScopedContext(active, typeScoped, value[0].GetString()!) : active;
        }

        var terms = new List<string>(length);
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                terms.Add(item.GetString()!);
            }
        }

        terms.Sort(string.CompareOrdinal);
        foreach (var term in terms)
        {
            active = ApplyTypeScopedContext(active, typeScoped, term);
        }

        return active;
    }

    private ActiveContext ApplyTypeScopedContext(ActiveContext active, ActiveContext typeScoped, string term)
    {
        var definition = typeScoped.Get(term);
        return definition is { HasContext: true }
            ? ProcessContext(active, definition.Context, definition.BaseUrl, null, overrideProtected: false, propagate: false, validateScoped: true, trusted: definition.Cacheable, cacheSource: definition)
            : active;
    }

    // Step 7: whether the element is a value object or a node reference (one entry expanding to @id).
    private bool IsValueOrReference(ActiveContext active, List<Entry> entries)
    {
        foreach (var entry in entries)
        {
            if (ExpandIri(active, entry.Name, documentRelative: false, vocab: true) == "@value")
            {
                return true;
            }
        }

        return entries.Count == 1 && ExpandIri(active, entries[0].Name, documentRelative: false, vocab: true) == "@id";
    }

    /// <summary>An entry of a JSON object, its name read once.</summary>
    private readonly record struct Entry(string Name, JsonElement Value);

    private readonly Stack<List<Entry>> _entryPool = new();

    private List<Entry> RentEntries(JsonElement element)
    {
        var entries = _entryPool.Count > 0 ? _entryPool.Pop() : new List<Entry>(8);
        foreach (var property in element.EnumerateObject())
        {
            entries.Add(new Entry(property.Name, property.Value));
        }

        return entries;
    }

    private void ReturnEntries(List<Entry> entries)
    {
        entries.Clear();
        _entryPool.Push(entries);
    }

    // Step 13 (and 14 for nested properties).
    private void ExpandEntries(ActiveContext active, ActiveContext typeScoped, string? activeProperty, List<Entry> entries, string? baseUrl, string? inputType, MapResult result)
    {
        List<Entry>? nests = null;
        foreach (var (key, value) in entries)
        {
            // Step 13.1.
            if (key == "@context")
            {
                continue;
            }

            // Steps 13.2 and 13.3.
            var expandedProperty = ExpandIri(active, key, documentRelative: false, vocab: true);
            if (expandedProperty is null || (!expandedProperty.Contains(':', StringComparison.Ordinal) && !JsonLdIri.IsKeyword(expandedProperty)))
            {
                Unsafe(JsonLdErrors.UndefinedTerm, "A property that no context defines is dropped.");
                continue;
            }

            // Step 13.4.
            if (JsonLdIri.IsKeyword(expandedProperty))
            {
                if (activeProperty == "@reverse")
                {
                    throw new JsonLdException(JsonLdErrors.InvalidReversePropertyMap, "A keyword in an @reverse map.");
                }

                if (ExpandKeyword(active, typeScoped, activeProperty, key, expandedProperty, value, baseUrl, inputType, result))
                {
                    (nests ??= new List<Entry>()).Add(new Entry(key, value));
                }

                continue;
            }

            // Step 13.5.
            var definition = active.Get(key);
            var container = definition?.Container ?? Container.None;
            object? expandedValue;
            if (definition?.TypeMapping == "@json")
            {
                // Step 13.6.
                expandedValue = Count(new ValueObject { Kind = ValueKind.Json, Json = value, Type = "@json" });
            }
            else if ((container & Container.Language) != 0 && value.ValueKind == JsonValueKind.Object)
            {
                expandedValue = ExpandLanguageMap(active, definition!, value);
            }
            else if ((container & (Container.Index | Container.Type | Container.Id)) != 0 && value.ValueKind == JsonValueKind.Object)
            {
                expandedValue = ExpandIndexMap(active, key, definition!, value, baseUrl);
            }
            else
            {
                // Step 13.9.
                expandedValue = Expand(active, key, value, baseUrl, fromMap: false, insideList: false);
            }

            // Step 13.10.
            if (expandedValue is null)
            {
                continue;
            }

            // Step 13.11.
            if ((container & Container.List) != 0 && expandedValue is not ListObject)
            {
                expandedValue = Count(new ListObject(AsList(expandedValue)));
            }

            // Step 13.12.
            if ((container & Container.Graph) != 0 && (container & (Container.Id | Container.Index)) == 0)
            {
                var items = AsList(expandedValue);
                var graphs = new List<ExpandedItem>(items.Count);
                foreach (var item in items)
                {
                    graphs.Add(Count(new NodeObject { Graph = [item] }));
                }

                expandedValue = graphs;
            }

            if (definition is { Reverse: true })
            {
                // Step 13.13.
                result.Reverse ??= new Dictionary<string, List<ExpandedItem>>(StringComparer.Ordinal);
                var reverse = GetOrAdd(result.Reverse, expandedProperty);
                foreach (var item in AsList(expandedValue))
                {
                    if (item is ValueObject or ListObject)
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidReversePropertyValue, "A reverse property's value is a value or list object.");
                    }

                    reverse.Add(item);
                }

                result.Set(MapResult.KeyReverse);
            }
            else
            {
                // Step 13.14.
                result.Properties ??= new Dictionary<string, List<ExpandedItem>>(StringComparer.Ordinal);
                AddValues(GetOrAdd(result.Properties, expandedProperty), expandedValue);
            }
        }

        // Step 14.
        if (nests is null)
        {
            return;
        }

        foreach (var (nestingKey, nestedValues) in nests)
        {
            if (nestedValues.ValueKind == JsonValueKind.Array)
            {
                foreach (var nested in nestedValues.EnumerateArray())
                {
                    ExpandNested(active, typeScoped, nestingKey, nested, baseUrl, inputType, result);
                }
            }
            else
            {
                ExpandNested(active, typeScoped, nestingKey, nestedValues, baseUrl, inputType, result);
            }
        }
    }

    // Step 14.2: steps 3, 8, 13 and 14 again for a nested value.
    private void ExpandNested(ActiveContext active, ActiveContext typeScoped, string nestingKey, JsonElement nested, string? baseUrl, string? inputType, MapResult result)
    {
        if (nested.ValueKind != JsonValueKind.Object)
        {
            throw new JsonLdException(JsonLdErrors.InvalidNestValue, "A nested value is not an object.");
        }

        Enter();
        var entries = RentEntries(nested);
        try
        {
            foreach (var entry in entries)
            {
                if (ExpandIri(active, entry.Name, documentRelative: false, vocab: true) == "@value")
                {
                    throw new JsonLdException(JsonLdErrors.InvalidNestValue, "A nested value is a value object.");
                }
            }

            var definition = active.Get(nestingKey);
            if (definition is { HasContext: true })
            {
                active = ProcessContext(active, definition.Context, definition.BaseUrl, null, overrideProtected: true, propagate: true, validateScoped: true, trusted: definition.Cacheable, cacheSource: definition);
            }

            ExpandEntries(active, typeScoped, nestingKey, entries, baseUrl, inputType, result);
        }
        finally
        {
            ReturnEntries(entries);
            _depth--;
        }
    }

    /// <summary>Step 13.4 for one keyword entry. Returns <see langword="true"/> when the key is an <c>@nest</c> key.</summary>
    private bool ExpandKeyword(ActiveContext active, ActiveContext typeScoped, string? activeProperty, string key, string keyword, JsonElement value, string? baseUrl, string? inputType, MapResult result)
    {
        var bit = MapResult.KeyOf(keyword);

        // Step 13.4.2.
        if (bit != 0 && result.Has(bit) && !(!_jsonLd10 && (bit == MapResult.KeyIncluded || bit == MapResult.KeyType)))
        {
            throw new JsonLdException(JsonLdErrors.CollidingKeywords, "Two entries expand to the same keyword.");
        }

        switch (keyword)
        {
            case "@id":
                // Step 13.4.3.
                if (value.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidIdValue, "@id is not a string.");
                }

                var id = ExpandIri(active, value.GetString()!, documentRelative: true, vocab: false);
                if (id is null)
                {
                    // An @id in the form of a keyword is not an IRI: the node keeps it, and RDF conversion drops it.
                    Unsafe(JsonLdErrors.DroppedValue, "An @id in the form of a keyword is dropped.");
                    id = value.GetString()!;
                }
                else if (!JsonLdIri.IsAbsolute(id) && !JsonLdIri.IsBlankNode(id))
                {
                    Unsafe(JsonLdIri.SchemeLength(id) > 0 ? JsonLdErrors.DroppedValue : JsonLdErrors.RelativeIri, "An @id is not an absolute IRI.");
                }

                result.Id = id;
                result.Set(bit);
                return false;

            case "@type":
                // Step 13.4.4.
                ExpandTypes(typeScoped, value, result);
                result.Set(bit);
                return false;

            case "@graph":
                // Step 13.4.5.
                result.Graph = AsList(Expand(active, "@graph", value, baseUrl, fromMap: false, insideList: false));
                result.Set(bit);
                return false;

            case "@included":
                // Step 13.4.6.
                if (_jsonLd10)
                {
                    Unsafe(JsonLdErrors.UndefinedTerm, "@included is not a keyword in JSON-LD 1.0 mode.");
                    return false;
                }

                // Expanded under a non-null active property so that every value is kept and checked.
                var included = AsList(Expand(active, "@included", value, baseUrl, fromMap: false, insideList: false));
                foreach (var item in included)
                {
                    if (item is not NodeObject)
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidIncludedValue, "An @included value is not a node object.");
                    }
                }

                if (result.Included is null)
                {
                    result.Included = included;
                }
                else
                {
                    result.Included.AddRange(included);
                }

                result.Set(bit);
                return false;

            case "@value":
                // Step 13.4.7.
                if (inputType == "@json")
                {
                    if (_jsonLd10)
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidValueObjectValue, "@json in JSON-LD 1.0 mode.");
                    }
                }
                else if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidValueObjectValue, "@value is an object or an array.");
                }

                result.Value = value;
                result.Set(bit);
                return false;

            case "@language":
                // Step 13.4.8.
                if (value.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidLanguageTaggedString, "@language is not a string.");
                }

                var language = value.GetString()!;
                if (!JsonLdIri.IsWellFormedLanguage(language))
                {
                    Unsafe(JsonLdErrors.DroppedValue, "A language tag is not well-formed.");
                }

                result.Language = language.ToLowerInvariant();
                result.Set(bit);
                return false;

            case "@direction":
                // Step 13.4.9.
                if (_jsonLd10)
                {
                    Unsafe(JsonLdErrors.UndefinedTerm, "@direction is not a keyword in JSON-LD 1.0 mode.");
                    return false;
                }

                if (!(value.ValueKind == JsonValueKind.String && (value.ValueEquals("ltr") || value.ValueEquals("rtl"))))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidBaseDirection, "@direction is not ltr or rtl.");
                }

                result.Direction = value.GetString();
                result.Set(bit);
                return false;

            case "@index":
                // Step 13.4.10.
                if (value.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidIndexValue, "@index is not a string.");
                }

                result.Index = value.GetString();
                result.Set(bit);
                return false;

            case "@list":
                // Step 13.4.11.
                if (activeProperty is null || activeProperty == "@graph")
                {
                    Unsafe(JsonLdErrors.DroppedValue, "A free-floating list is dropped.");
                    return false;
                }

                result.List = AsList(Expand(active, activeProperty, value, baseUrl, fromMap: false, insideList: true));
                result.Set(bit);
                return false;

            case "@set":
                // Step 13.4.12.
                result.SetValue = Expand(active, activeProperty, value, baseUrl, fromMap: false, insideList: false);
                result.Set(bit);
                return false;

            case "@reverse":
                // Step 13.4.13.
                ExpandReverse(active, value, baseUrl, result);
                return false;

            case "@nest":
                // Step 13.4.14.
                return true;

            default:
                // Keywords without meaning here (such as @base or @vocab outside a context) are dropped.
                Unsafe(JsonLdErrors.UndefinedTerm, "A keyword that has no meaning in a node object is dropped.");
                return false;
        }
    }

    // Step 13.4.4.
    private void ExpandTypes(ActiveContext typeScoped, JsonElement value, MapResult result)
    {
        result.Types ??= new List<string>(1);
        if (value.ValueKind == JsonValueKind.String)
        {
            AddType(typeScoped, value.GetString()!, result.Types);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTypeValue, "An @type value is not a string.");
                }

                AddType(typeScoped, item.GetString()!, result.Types);
            }
        }
        else
        {
            throw new JsonLdException(JsonLdErrors.InvalidTypeValue, "@type is neither a string nor an array of strings.");
        }
    }

    private void AddType(ActiveContext typeScoped, string type, List<string> types)
    {
        var expanded = ExpandIri(typeScoped, type, documentRelative: true, vocab: true);
        if (expanded is null)
        {
            Unsafe(JsonLdErrors.UndefinedTerm, "An @type value in the form of a keyword is dropped.");
            return;
        }

        // Safe mode: a type must be defined by a context (or be an absolute IRI or blank node identifier itself);
        // a name that only the document's base IRI turns into an IRI is not.
        if (_safe)
        {
            var defined = JsonLdIri.IsAbsolute(type) || JsonLdIri.IsBlankNode(type) || typeScoped.Get(type) is not null
                || IsCompactIri(typeScoped, type) || typeScoped.Vocab is not null;
            if (!defined || !(JsonLdIri.IsAbsolute(expanded) || JsonLdIri.IsBlankNode(expanded)))
            {
                throw new JsonLdException(JsonLdErrors.UndefinedTerm, "An @type value that no context defines.");
            }
        }

        types.Add(expanded);
    }

    private static bool IsCompactIri(ActiveContext active, string value)
    {
        var colon = JsonLdIri.ColonAfterFirst(value);
        return colon > 0 && active.Get(value[..colon]) is { Prefix: true, Iri: not null };
    }

    // Step 13.4.13.
    private void ExpandReverse(ActiveContext active, JsonElement value, string? baseUrl, MapResult result)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new JsonLdException(JsonLdErrors.InvalidReverseValue, "@reverse is not an object.");
        }

        var expanded = Expand(active, "@reverse", value, baseUrl, fromMap: false, insideList: false);
        if (expanded is not NodeObject node)
        {
            return;
        }

        // Step 13.4.13.3: reversed twice is forward.
        if (node.Reverse is not null)
        {
            result.Properties ??= new Dictionary<string, List<ExpandedItem>>(StringComparer.Ordinal);
            foreach (var (property, items) in node.Reverse)
            {
                GetOrAdd(result.Properties, property).AddRange(items);
            }
        }

        // Step 13.4.13.4.
        if (node.Properties is not null)
        {
            result.Reverse ??= new Dictionary<string, List<ExpandedItem>>(StringComparer.Ordinal);
            result.Set(MapResult.KeyReverse);
            foreach (var (property, items) in node.Properties)
            {
                var reverse = GetOrAdd(result.Reverse, property);
                foreach (var item in items)
                {
                    if (item is ValueObject or ListObject)
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidReversePropertyValue, "A reverse property's value is a value or list object.");
                    }

                    reverse.Add(item);
                }
            }
        }
    }

    // Step 13.7: a language map.
    private List<ExpandedItem> ExpandLanguageMap(ActiveContext active, TermDefinition definition, JsonElement value)
    {
        var result = new List<ExpandedItem>();
        var direction = definition.HasDirection ? definition.Direction : active.DefaultDirection;
        foreach (var entry in value.EnumerateObject())
        {
            var language = entry.Name;
            var none = language == "@none" || ExpandIri(active, language, documentRelative: false, vocab: true) == "@none";
            if (!none && !JsonLdIri.IsWellFormedLanguage(language))
            {
                Unsafe(JsonLdErrors.DroppedValue, "A language tag is not well-formed.");
            }

            if (entry.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in entry.Value.EnumerateArray())
                {
                    AddLanguageValue(result, item, none ? null : language, direction);
                }
            }
            else
            {
                AddLanguageValue(result, entry.Value, none ? null : language, direction);
            }
        }

        return result;
    }

    private void AddLanguageValue(List<ExpandedItem> result, JsonElement item, string? language, string? direction)
    {
        if (item.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (item.ValueKind != JsonValueKind.String)
        {
            throw new JsonLdException(JsonLdErrors.InvalidLanguageMapValue, "A language map value is not a string.");
        }

        result.Add(Count(new ValueObject
        {
            Kind = ValueKind.String,
            Text = item.GetString(),
            Language = language?.ToLowerInvariant(),
            Direction = direction,
        }));
    }

    // Step 13.8: an index, id or type map.
    private List<ExpandedItem> ExpandIndexMap(ActiveContext active, string key, TermDefinition definition, JsonElement value, string? baseUrl)
    {
        var container = definition.Container;
        var result = new List<ExpandedItem>();
        var indexKey = definition.IndexMapping ?? "@index";
        var isIdOrType = (container & (Container.Id | Container.Type)) != 0;
        foreach (var entry in value.EnumerateObject())
        {
            var index = entry.Name;

            // Steps 13.8.3.1 and 13.8.3.2.
            var mapContext = isIdOrType ? active.Previous ?? active : active;
            if ((container & Container.Type) != 0)
            {
                var indexDefinition = mapContext.Get(index);
                if (indexDefinition is { HasContext: true })
                {
                    mapContext = ProcessContext(mapContext, indexDefinition.Context, indexDefinition.BaseUrl, null, overrideProtected: false, propagate: false, validateScoped: true, trusted: indexDefinition.Cacheable, cacheSource: indexDefinition);
                }
            }

            // Step 13.8.3.4.
            var expandedIndex = ExpandIri(active, index, documentRelative: false, vocab: true);

            // Steps 13.8.3.5 and 13.8.3.6.
            var items = AsList(Expand(mapContext, key, entry.Value, baseUrl, fromMap: true, insideList: false));

            foreach (var original in items)
            {
                var item = original;

                // Step 13.8.3.7.1.
                if ((container & Container.Graph) != 0 && item is not NodeObject { IsGraphObject: true })
                {
                    item = Count(new NodeObject { Graph = [item] });
                }

                if ((container & Container.Index) != 0 && indexKey != "@index" && expandedIndex != "@none")
                {
                    // Step 13.8.3.7.2: the index is the value of a property.
                    var reExpanded = ExpandValue(active, indexKey, index);
                    var expandedIndexKey = ExpandIri(active, indexKey, documentRelative: false, vocab: true);
                    if (item is not NodeObject node)
                    {
                        throw new JsonLdException(JsonLdErrors.InvalidValueObject, "A property-valued index on a value object.");
                    }

                    if (expandedIndexKey is null)
                    {
                        Unsafe(JsonLdErrors.UndefinedTerm, "An index property that no context defines.");
                    }
                    else
                    {
                        node.Properties ??= new Dictionary<string, List<ExpandedItem>>(StringComparer.Ordinal);
                        GetOrAdd(node.Properties, expandedIndexKey).Insert(0, reExpanded);
                    }
                }
                else if ((container & Container.Index) != 0 && item.Index is null && expandedIndex != "@none")
                {
                    // Step 13.8.3.7.3.
                    item.Index = index;
                }
                else if ((container & Container.Id) != 0 && item is NodeObject { Id: null } idNode && expandedIndex != "@none")
                {
                    // Step 13.8.3.7.4.
                    var id = ExpandIri(active, index, documentRelative: true, vocab: false);
                    if (id is null || !(JsonLdIri.IsAbsolute(id) || JsonLdIri.IsBlankNode(id)))
                    {
                        Unsafe(JsonLdErrors.RelativeIri, "An id map key is a relative IRI reference.");
                    }

                    idNode.Id = id;
                }
                else if ((container & Container.Type) != 0 && expandedIndex != "@none")
                {
                    // Step 13.8.3.7.5.
                    if (expandedIndex is null || !(JsonLdIri.IsAbsolute(expandedIndex) || JsonLdIri.IsBlankNode(expandedIndex)))
                    {
                        Unsafe(JsonLdErrors.UndefinedTerm, "A type map key that no context defines.");
                    }

                    if (expandedIndex is not null)
                    {
                        if (item is NodeObject typedNode)
                        {
                            typedNode.Types ??= new List<string>(1);
                            typedNode.Types.Insert(0, expandedIndex);
                        }
                        else if (item is ValueObject { Type: null, Language: null, Direction: null } typedValue)
                        {
                            typedValue.Type = expandedIndex;
                        }
                    }
                }

                result.Add(item);
            }
        }

        return result;
    }

    /// <summary>The Value Expansion algorithm (section 5.3.2) for a JSON scalar.</summary>
    private ExpandedItem? ExpandValue(ActiveContext active, string? activeProperty, JsonElement value)
    {
        var definition = activeProperty is null ? null : active.Get(activeProperty);
        if (value.ValueKind == JsonValueKind.String)
        {
            return ExpandValue(active, definition, value.GetString()!);
        }

        var typeMapping = definition?.TypeMapping;
        var result = Count(new ValueObject
        {
            Kind = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? ValueKind.Boolean : ValueKind.Number,
            Json = value,
        });
        if (typeMapping is not null and not ("@id" or "@vocab" or "@none"))
        {
            result.Type = typeMapping;
            if (typeMapping == "@json")
            {
                result.Kind = ValueKind.Json;
            }
        }

        return result;
    }

    private ExpandedItem ExpandValue(ActiveContext active, string? activeProperty, string value)
        => ExpandValue(active, activeProperty is null ? null : active.Get(activeProperty), value)
            ?? Count(new ValueObject { Kind = ValueKind.String, Text = value });

    private ExpandedItem? ExpandValue(ActiveContext active, TermDefinition? definition, string value)
    {
        var typeMapping = definition?.TypeMapping;

        // Steps 1 and 2.
        if (typeMapping is "@id" or "@vocab")
        {
            var iri = ExpandIri(active, value, documentRelative: true, vocab: typeMapping == "@vocab");
            if (iri is null)
            {
                Unsafe(JsonLdErrors.DroppedValue, "An IRI value in the form of a keyword is dropped.");
                return null;
            }

            if (!JsonLdIri.IsAbsolute(iri) && !JsonLdIri.IsBlankNode(iri))
            {
                Unsafe(JsonLdIri.SchemeLength(iri) > 0 ? JsonLdErrors.DroppedValue : JsonLdErrors.RelativeIri, "An IRI value is not an absolute IRI.");
            }

            return Count(new NodeObject { Id = iri });
        }

        // Steps 3 to 5.
        var result = Count(new ValueObject { Kind = ValueKind.String, Text = value });
        if (typeMapping is not null and not "@none")
        {
            result.Type = typeMapping;
            if (typeMapping == "@json")
            {
                result.Kind = ValueKind.Json;
                result.Text = null;
                result.Json = JsonStringElement(value);
            }
        }
        else
        {
            result.Language = definition is { HasLanguage: true } ? definition.Language : active.DefaultLanguage;
            result.Direction = definition is { HasDirection: true } ? definition.Direction : active.DefaultDirection;
        }

        return result;
    }

    private static JsonElement JsonStringElement(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer, Credentials.Internal.SafeJson.WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    // Steps 15 to 20: the expanded object.
    private object? Finish(ActiveContext active, string? activeProperty, MapResult result, bool insideList)
    {
        var topLevel = !insideList && (activeProperty is null || activeProperty == "@graph");
        if (result.Has(MapResult.KeyValue))
        {
            return FinishValue(result, topLevel);
        }

        if (result.Has(MapResult.KeyList) || result.Has(MapResult.KeySet))
        {
            // Step 17.
            var others = result.Mask & ~(MapResult.KeyList | MapResult.KeySet | MapResult.KeyIndex);
            if (others != 0 || result.Properties is not null || (result.Has(MapResult.KeyList) && result.Has(MapResult.KeySet)))
            {
                throw new JsonLdException(JsonLdErrors.InvalidSetOrListObject, "An @set or @list object has other entries.");
            }

            if (result.Has(MapResult.KeySet))
            {
                // Step 17.2 (and 19 for what the set holds at the top level).
                return result.SetValue;
            }

            if (topLevel)
            {
                Unsafe(JsonLdErrors.DroppedValue, "A free-floating list is dropped.");
                return null;
            }

            return Count(new ListObject(result.List!) { Index = result.Index });
        }

        // Step 18.
        if (result.Mask == MapResult.KeyLanguage && result.Properties is null)
        {
            Unsafe(JsonLdErrors.DroppedValue, "An object with nothing but @language is dropped.");
            return null;
        }

        if (result.Has(MapResult.KeyLanguage) || result.Has(MapResult.KeyDirection))
        {
            // @language or @direction on a node object mean nothing and are dropped.
            Unsafe(JsonLdErrors.DroppedValue, "@language or @direction outside a value object is dropped.");
        }

        // Step 19.
        if (topLevel)
        {
            if (result.Mask == 0 && result.Properties is null)
            {
                Unsafe(JsonLdErrors.DroppedValue, "An empty object is dropped.");
                return null;
            }

            if (result.Mask == MapResult.KeyId && result.Properties is null)
            {
                Unsafe(JsonLdErrors.DroppedValue, "A free-floating node reference is dropped.");
                return null;
            }
        }

        return Count(new NodeObject
        {
            Id = result.Id,
            Types = result.Types,
            Properties = result.Properties,
            Reverse = result.Reverse,
            Graph = result.Graph,
            Included = result.Included,
            Index = result.Index,
        });
    }

    // Step 15: a value object.
    private ValueObject? FinishValue(MapResult result, bool topLevel)
    {
        var allowed = MapResult.KeyValue | MapResult.KeyDirection | MapResult.KeyIndex | MapResult.KeyLanguage | MapResult.KeyType;
        if ((result.Mask & ~allowed) != 0 || result.Properties is not null
            || (result.Has(MapResult.KeyType) && (result.Has(MapResult.KeyLanguage) || result.Has(MapResult.KeyDirection))))
        {
            throw new JsonLdException(JsonLdErrors.InvalidValueObject, "A value object has entries that are not allowed together.");
        }

        var value = result.Value;
        var types = result.Types;
        var isJson = types is { Count: 1 } && types[0] == "@json";
        if (!isJson && types is { Count: > 1 })
        {
            throw new JsonLdException(JsonLdErrors.InvalidTypedValue, "A value object has more than one type.");
        }

        ValueObject item;
        if (isJson)
        {
            if (_jsonLd10)
            {
                throw new JsonLdException(JsonLdErrors.InvalidTypedValue, "@json in JSON-LD 1.0 mode.");
            }

            item = new ValueObject { Kind = ValueKind.Json, Json = value, Type = "@json" };
        }
        else
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                Unsafe(JsonLdErrors.DroppedValue, "A value object whose @value is null is dropped.");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String && result.Has(MapResult.KeyLanguage))
            {
                throw new JsonLdException(JsonLdErrors.InvalidLanguageTaggedValue, "A number or boolean has a language tag.");
            }

            string? type = null;
            if (types is { Count: 1 })
            {
                type = types[0];
                if (!JsonLdIri.IsAbsolute(type) || JsonLdIri.IsBlankNode(type))
                {
                    throw new JsonLdException(JsonLdErrors.InvalidTypedValue, "A value object's @type is not an IRI.");
                }
            }
            else if (types is { Count: 0 } && result.Has(MapResult.KeyType))
            {
                throw new JsonLdException(JsonLdErrors.InvalidTypedValue, "A value object's @type is not an IRI.");
            }

            item = value.ValueKind switch
            {
                JsonValueKind.String => new ValueObject { Kind = ValueKind.String, Text = value.GetString() },
                JsonValueKind.True or JsonValueKind.False => new ValueObject { Kind = ValueKind.Boolean, Json = value },
                _ => new ValueObject { Kind = ValueKind.Number, Json = value },
            };
            item.Type = type;
            item.Language = result.Language;
            item.Direction = result.Direction;
        }

        item.Index = result.Index;
        if (topLevel)
        {
            Unsafe(JsonLdErrors.DroppedValue, "A free-floating value is dropped.");
            return null;
        }

        return Count(item);
    }

    private static List<ExpandedItem> AsList(object? expanded) => expanded switch
    {
        null => [],
        List<ExpandedItem> list => list,
        ExpandedItem item => [item],
        _ => [],
    };

    private static void AddValues(List<ExpandedItem> target, object expanded)
    {
        if (expanded is List<ExpandedItem> list)
        {
            target.AddRange(list);
        }
        else if (expanded is ExpandedItem item)
        {
            target.Add(item);
        }
    }

    private static List<ExpandedItem> GetOrAdd(Dictionary<string, List<ExpandedItem>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    /// <summary>The result map of steps 12 to 14, before it becomes a node, value, list or set.</summary>
    private sealed class MapResult
    {
        public const int KeyId = 1;
        public const int KeyType = 2;
        public const int KeyGraph = 4;
        public const int KeyIncluded = 8;
        public const int KeyValue = 16;
        public const int KeyLanguage = 32;
        public const int KeyDirection = 64;
        public const int KeyIndex = 128;
        public const int KeyList = 256;
        public const int KeySet = 512;
        public const int KeyReverse = 1024;

        public int Mask { get; private set; }

        public string? Id { get; set; }

        public List<string>? Types { get; set; }

        public List<ExpandedItem>? Graph { get; set; }

        public List<ExpandedItem>? Included { get; set; }

        public JsonElement Value { get; set; }

        public string? Language { get; set; }

        public string? Direction { get; set; }

        public string? Index { get; set; }

        public List<ExpandedItem>? List { get; set; }

        public object? SetValue { get; set; }

        public Dictionary<string, List<ExpandedItem>>? Reverse { get; set; }

        public Dictionary<string, List<ExpandedItem>>? Properties { get; set; }

        public static int KeyOf(string keyword) => keyword switch
        {
            "@id" => KeyId,
            "@type" => KeyType,
            "@graph" => KeyGraph,
            "@included" => KeyIncluded,
            "@value" => KeyValue,
            "@language" => KeyLanguage,
            "@direction" => KeyDirection,
            "@index" => KeyIndex,
            "@list" => KeyList,
            "@set" => KeySet,
            "@reverse" => KeyReverse,
            _ => 0,
        };

        public bool Has(int key) => (Mask & key) != 0;

        public void Set(int key) => Mask |= key;
    }
}
