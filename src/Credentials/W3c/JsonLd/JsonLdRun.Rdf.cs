using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Credentials.W3c.Jcs;
using Credentials.W3c.Rdfc;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API section 8.1) over the expanded document.
/// </summary>
/// <remarks>
/// The specification first builds a node map (section 7.2) that merges every node object by identifier, then reads
/// triples off it. The triples only depend on which node objects exist, in which graph, with which identifier, so
/// here they are read off the expanded document directly, node by node, relabelling blank nodes with one identifier
/// map (section 7.3) as the node map would; the dataset is the same, without building the map. A triple the
/// document states twice (a node described in two places, a value repeated) is listed twice: the list denotes the
/// same set, and <see cref="RdfCanonicalizer"/> counts repeated quads once.
/// </remarks>
internal sealed partial class JsonLdRun
{
    private const string RdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string RdfType = RdfNs + "type";
    private const string RdfFirst = RdfNs + "first";
    private const string RdfRest = RdfNs + "rest";
    private const string RdfNil = RdfNs + "nil";
    private const string RdfValue = RdfNs + "value";
    private const string RdfLanguage = RdfNs + "language";
    private const string RdfDirection = RdfNs + "direction";
    private const string RdfJson = RdfNs + "JSON";
    private const string XsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
    private const string XsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
    private const string XsdDouble = "http://www.w3.org/2001/XMLSchema#double";
    private const string I18n = "https://www.w3.org/ns/i18n#";

    private static readonly RdfTerm s_type = RdfTerm.Iri(RdfType);
    private static readonly RdfTerm s_first = RdfTerm.Iri(RdfFirst);
    private static readonly RdfTerm s_rest = RdfTerm.Iri(RdfRest);
    private static readonly RdfTerm s_nil = RdfTerm.Iri(RdfNil);

    private List<RdfQuad>? _quads;
    private Dictionary<string, string>? _blankLabels;
    private int _blankCounter;
    private Dictionary<(RdfTerm Graph, RdfTerm Node), string>? _nodeIndexes;

    /// <summary>The dataset of the expanded document (section 8.1.2); a quad stated twice may be listed twice.</summary>
    public List<RdfQuad> ToRdf(List<ExpandedItem> expanded)
    {
        _quads = new List<RdfQuad>(Math.Max(16, _items));
        var graph = RdfTerm.DefaultGraph;
        foreach (var item in expanded)
        {
            if (item is NodeObject node)
            {
                EmitNode(node, graph, graphOk: true);
            }
        }

        return _quads;
    }

    private void Add(RdfTerm subject, RdfTerm predicate, RdfTerm obj, RdfTerm graph)
    {
        if (_quads!.Count >= _options.MaxExpandedItems * 4)
        {
            throw new JsonLdException(JsonLdErrors.TooLarge, "The RDF form is too large.");
        }

        _quads.Add(new RdfQuad(subject, predicate, obj, graph));
    }

    /// <summary>A new blank node label, or the one already issued for <paramref name="identifier"/> (section 7.3).</summary>
    private string BlankLabel(string? identifier)
    {
        if (identifier is not null && _blankLabels is not null && _blankLabels.TryGetValue(identifier, out var label))
        {
            return label;
        }

        label = "b" + _blankCounter.ToString(CultureInfo.InvariantCulture);
        _blankCounter++;
        if (identifier is not null)
        {
            (_blankLabels ??= new Dictionary<string, string>(StringComparer.Ordinal))[identifier] = label;
        }

        return label;
    }

    /// <summary>The subject of a node object, or <see langword="null"/> when its identifier is not well-formed.</summary>
    private RdfTerm? NodeTerm(string? id)
    {
        if (id is null)
        {
            return RdfTerm.BlankNode(BlankLabel(null));
        }

        if (JsonLdIri.IsBlankNode(id))
        {
            return RdfTerm.BlankNode(BlankLabel(id));
        }

        if (JsonLdIri.IsWellFormedIri(id))
        {
            return RdfTerm.Iri(id);
        }

        Unsafe(JsonLdIri.IsAbsolute(id) ? JsonLdErrors.DroppedValue : JsonLdErrors.RelativeIri, "A node identifier is not a well-formed IRI.");
        return null;
    }

    /// <summary>Emits the triples of a node object and of everything nested in it; returns its subject term.</summary>
    private RdfTerm? EmitNode(NodeObject node, RdfTerm graph, bool graphOk)
    {
        var subject = NodeTerm(node.Id);

        // Node Map Generation step 6.7: one node has one index.
        if (node.Index is not null && subject is { } indexed)
        {
            _nodeIndexes ??= new Dictionary<(RdfTerm, RdfTerm), string>();
            if (_nodeIndexes.TryGetValue((graph, indexed), out var existing))
            {
                if (!string.Equals(existing, node.Index, StringComparison.Ordinal))
                {
                    throw new JsonLdException(JsonLdErrors.ConflictingIndexes, "A node has two different @index values.");
                }
            }
            else
            {
                _nodeIndexes[(graph, indexed)] = node.Index;
            }
        }

        var attached = graphOk && subject is not null;
        if (node.Types is not null)
        {
            foreach (var type in node.Types)
            {
                RdfTerm? obj;
                if (JsonLdIri.IsBlankNode(type))
                {
                    obj = RdfTerm.BlankNode(BlankLabel(type));
                }
                else if (JsonLdIri.IsWellFormedIri(type))
                {
                    obj = RdfTerm.Iri(type);
                }
                else
                {
                    Unsafe(JsonLdErrors.DroppedValue, "A type is not a well-formed IRI.");
                    obj = null;
                }

                if (attached && obj is { } typeTerm)
                {
                    Add(subject!.Value, s_type, typeTerm, graph);
                }
            }
        }

        if (node.Properties is not null)
        {
            foreach (var (property, values) in node.Properties)
            {
                var predicate = PredicateTerm(property);
                var emit = attached && predicate is not null;
                foreach (var value in values)
                {
                    var obj = ObjectToRdf(value, graph, graphOk, emit);
                    if (emit && obj is { } objectTerm)
                    {
                        Add(subject!.Value, predicate!.Value, objectTerm, graph);
                    }
                }
            }
        }

        if (node.Reverse is not null)
        {
            foreach (var (property, values) in node.Reverse)
            {
                var predicate = PredicateTerm(property);
                foreach (var value in values)
                {
                    if (value is NodeObject referencing)
                    {
                        var referencingSubject = EmitNode(referencing, graph, graphOk);
                        if (attached && predicate is { } p && referencingSubject is { } s)
                        {
                            Add(s, p, subject!.Value, graph);
                        }
                    }
                }
            }
        }

        if (node.Graph is not null)
        {
            // Node Map Generation step 6.9: the node names a graph.
            var named = subject ?? default;
            foreach (var item in node.Graph)
            {
                if (item is NodeObject member)
                {
                    EmitNode(member, named, graphOk: subject is not null);
                }
            }
        }

        if (node.Included is not null)
        {
            foreach (var item in node.Included)
            {
                if (item is NodeObject member)
                {
                    EmitNode(member, graph, graphOk);
                }
            }
        }

        return subject;
    }

    private RdfTerm? PredicateTerm(string property)
    {
        if (JsonLdIri.IsBlankNode(property))
        {
            if (_settings.ProduceGeneralizedRdf)
            {
                return RdfTerm.BlankNode(BlankLabel(property));
            }

            Unsafe(JsonLdErrors.DroppedValue, "A blank node is used as a property.");
            return null;
        }

        if (JsonLdIri.IsWellFormedIri(property))
        {
            return RdfTerm.Iri(property);
        }

        Unsafe(JsonLdErrors.DroppedValue, "A property is not a well-formed IRI.");
        return null;
    }

    /// <summary>
    /// Object to RDF Conversion (section 8.1.3). <paramref name="attached"/> says whether the triple the object goes
    /// into is emitted: list and compound-literal triples are emitted only then, while nested node objects always
    /// emit their own triples (they are in the node map either way).
    /// </summary>
    private RdfTerm? ObjectToRdf(ExpandedItem item, RdfTerm graph, bool graphOk, bool attached)
    {
        switch (item)
        {
            case NodeObject node:
                return EmitNode(node, graph, graphOk);
            case ListObject list:
                return ListToRdf(list.Items, graph, graphOk, attached);
            default:
                return ValueToRdf((ValueObject)item, graph, graphOk, attached);
        }
    }

    /// <summary>List to RDF Conversion (section 8.1.4).</summary>
    private RdfTerm ListToRdf(List<ExpandedItem> items, RdfTerm graph, bool graphOk, bool attached)
    {
        if (items.Count == 0)
        {
            return s_nil;
        }

        var emit = attached && graphOk;
        var head = RdfTerm.BlankNode(BlankLabel(null));
        var current = head;
        for (var i = 0; i < items.Count; i++)
        {
            var obj = ObjectToRdf(items[i], graph, graphOk, attached);
            if (emit && obj is { } first)
            {
                Add(current, s_first, first, graph);
            }

            var rest = i + 1 < items.Count ? RdfTerm.BlankNode(BlankLabel(null)) : s_nil;
            if (emit)
            {
                Add(current, s_rest, rest, graph);
            }

            current = rest;
        }

        return head;
    }

    // Object to RDF Conversion steps 4 to 15: a value object.
    private RdfTerm? ValueToRdf(ValueObject value, RdfTerm graph, bool graphOk, bool attached)
    {
        var datatype = value.Type;
        if (datatype is not null && datatype != "@json" && !JsonLdIri.IsWellFormedIri(datatype))
        {
            Unsafe(JsonLdErrors.DroppedValue, "A datatype is not a well-formed IRI.");
            return null;
        }

        if (value.Language is not null && !JsonLdIri.IsWellFormedLanguage(value.Language))
        {
            Unsafe(JsonLdErrors.DroppedValue, "A language tag is not well-formed.");
            return null;
        }

        string lexical;
        switch (value.Kind)
        {
            case ValueKind.Json:
                lexical = JsonLiteral(value.Json);
                datatype = RdfJson;
                break;
            case ValueKind.Boolean:
                lexical = value.Json.ValueKind == JsonValueKind.True ? "true" : "false";
                datatype ??= XsdBoolean;
                break;
            case ValueKind.Number:
                var number = ReadNumber(value.Json);
                if (Math.IEEERemainder(number, 1) != 0 || double.IsInfinity(number) || Math.Abs(number) >= 1e21 || datatype == XsdDouble)
                {
                    lexical = CanonicalDouble(number);
                    datatype ??= XsdDouble;
                }
                else
                {
                    lexical = CanonicalInteger(number);
                    datatype ??= XsdInteger;
                }

                break;
            default:
                lexical = value.Text!;
                break;
        }

        if (value.Direction is not null)
        {
            switch (_options.RdfDirection)
            {
                case JsonLdRdfDirection.I18nDatatype:
                    return RdfTerm.Literal(lexical, I18n + (value.Language ?? string.Empty).ToLowerInvariant() + "_" + value.Direction);
                case JsonLdRdfDirection.CompoundLiteral:
                    var node = RdfTerm.BlankNode(BlankLabel(null));
                    if (attached && graphOk)
                    {
                        Add(node, RdfTerm.Iri(RdfValue), RdfTerm.Literal(lexical), graph);
                        if (value.Language is not null)
                        {
                            Add(node, RdfTerm.Iri(RdfLanguage), RdfTerm.Literal(value.Language.ToLowerInvariant()), graph);
                        }

                        Add(node, RdfTerm.Iri(RdfDirection), RdfTerm.Literal(value.Direction), graph);
                    }

                    return node;
                default:
                    Unsafe(JsonLdErrors.DroppedValue, "A base direction is not represented in RDF (rdfDirection is not set).");
                    break;
            }
        }

        return RdfTerm.Literal(lexical, datatype, value.Language);
    }

    private static double ReadNumber(JsonElement number)
    {
        if (number.TryGetDouble(out var value))
        {
            return value;
        }

        // JsonElement refuses numbers beyond the double range; as doubles they are infinite.
        return number.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>The canonical lexical form of an xsd:integer for a JSON number without a fractional part (section 8.6).</summary>
    internal static string CanonicalInteger(double value)
        => value == 0 ? "0" : value.ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The canonical lexical form of an xsd:double as JSON-LD writes it (section 8.6): a mantissa with one non-zero
    /// digit before the point, at most 15 after it and no trailing zeros (but at least one digit), then <c>E</c> and the
    /// exponent without a plus sign or leading zeros, as <c>1.1E1</c>, <c>-1.5E-7</c> and <c>0.0E0</c>.
    /// </summary>
    internal static string CanonicalDouble(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "INF";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-INF";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (value == 0)
        {
            return "0.0E0";
        }

        // "E15": 15 digits after the point, correctly rounded, as JavaScript's toExponential(15).
        var text = value.ToString("E15", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissaEnd = e;
        while (mantissaEnd > 0 && text[mantissaEnd - 1] == '0' && text[mantissaEnd - 2] != '.')
        {
            mantissaEnd--;
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(text.AsSpan(0, mantissaEnd), "E", exponent.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The canonical lexical form of a JSON literal: its JCS form (RFC 8785; section 8.1.3 step 10).</summary>
    private static string JsonLiteral(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var error = JcsWriter.TryWrite(value, buffer);
        if (error is not null)
        {
            throw new JsonLdException(JsonLdErrors.InvalidJsonLiteral, "A JSON literal cannot be canonicalized.", error);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
