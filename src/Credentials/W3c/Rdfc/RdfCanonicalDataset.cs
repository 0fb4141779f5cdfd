using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Credentials.W3c.Rdfc;

/// <summary>
/// The result of RDFC-1.0: the canonicalized dataset (section 3.1; section 4.4.3 step 6) and its serialized canonical
/// form (section 5). Immutable; the string form, the relabelled quads and the map are built on first use.
/// </summary>
internal sealed class RdfCanonicalDataset
{
    private readonly byte[] _utf8;
    private readonly RdfQuad[] _sortedInput;
    private readonly Dictionary<string, int> _nodeIndex;
    private readonly List<string> _labels;
    private readonly int[] _canonical;
    private readonly int[] _canonicalOrder;
    private string? _text;
    private RdfQuad[]? _quads;
    private Dictionary<string, string>? _issued;
    private string[]? _canonicalLabels;

    internal RdfCanonicalDataset(
        byte[] utf8,
        RdfQuad[] sortedInput,
        Dictionary<string, int> nodeIndex,
        List<string> labels,
        int[] canonical,
        int[] canonicalOrder)
    {
        _utf8 = utf8;
        _sortedInput = sortedInput;
        _nodeIndex = nodeIndex;
        _labels = labels;
        _canonical = canonical;
        _canonicalOrder = canonicalOrder;
    }

    /// <summary>
    /// The serialized canonical form as UTF-8: every quad in canonical n-quads form with its canonical blank node labels,
    /// each line ending in <c>\n</c>, sorted in code point order, repeated quads once. This is what Data Integrity hashes.
    /// </summary>
    public ReadOnlySpan<byte> NQuadsUtf8 => _utf8;

    /// <summary>The serialized canonical form as UTF-8 memory (see <see cref="NQuadsUtf8"/>).</summary>
    public ReadOnlyMemory<byte> NQuadsUtf8Memory => _utf8;

    /// <summary>The serialized canonical form as a string (decoded on first use).</summary>
    public string NQuads => _text ??= Encoding.UTF8.GetString(_utf8);

    /// <summary>
    /// The canonical quads: the input quads with blank nodes relabelled <c>c14nN</c>, in the order of <see cref="NQuads"/>,
    /// repeated quads once.
    /// </summary>
    public IReadOnlyList<RdfQuad> Quads => _quads ??= BuildQuads();

    /// <summary>
    /// The issued identifiers map of the canonical issuer (section 4.3; section 4.4.3 step 6): each input blank node
    /// label (without <c>_:</c>) to its canonical label (<c>c14nN</c>, without <c>_:</c>), in order of issue.
    /// </summary>
    public IReadOnlyDictionary<string, string> IssuedIdentifiers => _issued ??= BuildIssued();

    private string[] CanonicalLabels()
    {
        if (_canonicalLabels is null)
        {
            var labels = new string[_canonical.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = "c14n" + _canonical[i].ToString(CultureInfo.InvariantCulture);
            }

            _canonicalLabels = labels;
        }

        return _canonicalLabels;
    }

    private Dictionary<string, string> BuildIssued()
    {
        var labels = CanonicalLabels();
        var issued = new Dictionary<string, string>(_canonical.Length, StringComparer.Ordinal);
        for (var i = 0; i < _canonical.Length; i++)
        {
            var node = _canonicalOrder[i];
            issued.Add(_labels[node], labels[node]);
        }

        return issued;
    }

    private RdfQuad[] BuildQuads()
    {
        var labels = CanonicalLabels();
        var quads = new RdfQuad[_sortedInput.Length];
        for (var i = 0; i < quads.Length; i++)
        {
            var quad = _sortedInput[i];
            quads[i] = new RdfQuad(Relabel(quad.Subject, labels), quad.Predicate, Relabel(quad.Object, labels), Relabel(quad.Graph, labels));
        }

        return quads;
    }

    private RdfTerm Relabel(in RdfTerm term, string[] labels) =>
        term.Kind == RdfTermKind.BlankNode ? RdfTerm.BlankNode(labels[_nodeIndex[term.Value]]) : term;
}
