using System;
using System.Collections.Generic;

namespace Credentials.W3c.Rdfc;

internal static partial class RdfCanonicalizer
{
    private sealed partial class Canonicalization
    {
        /// <summary>
        /// Section 4.4.3 steps 1 and 2: checks every term, renders the components that are not blank nodes in canonical
        /// n-quads form once, indexes blank nodes in order of first mention, drops repeated quads and builds the blank
        /// node to quads map (each quad once per node, also when the node is several of its components).
        /// </summary>
        /// <returns><see langword="false"/> when a term is not allowed where it is or cannot be serialized.</returns>
        private bool Prepare()
        {
            var count = _input.Count;
            _kept = new int[count];
            _node = new int[count * 4];
            _termStart = new int[count * 4];
            _termLength = new int[count * 4];
            HashSet<int>? seen = null;
            var mentionCounts = new int[Math.Max(4, count)];

            for (var i = 0; i < count; i++)
            {
                var quad = _input[i];
                var slot = _quadCount;
                var termsMark = _terms.Length;
                var labelsMark = _labels.Count;
                var hasNode = false;
                if (!PrepareTerm(quad.Subject, slot, Subject, ref hasNode)
                    || !PrepareTerm(quad.Predicate, slot, Predicate, ref hasNode)
                    || !PrepareTerm(quad.Object, slot, Object, ref hasNode)
                    || !PrepareTerm(quad.Graph, slot, Graph, ref hasNode))
                {
                    return false;
                }

                if (hasNode)
                {
                    // A quad repeated with a blank node would change first degree hashes: count it once (section 3.1,
                    // "mention set"). Repeats without blank nodes only repeat a line, dropped when serializing.
                    seen ??= new HashSet<int>(new SlotComparer(this));
                    if (!seen.Add(slot))
                    {
                        _terms.Truncate(termsMark);
                        if (_labels.Count != labelsMark)
                        {
                            // Unreachable: a repeat mentions only nodes its first occurrence mentioned.
                            return false;
                        }

                        continue;
                    }

                    // Count mentions, once per node per quad.
                    var s = _node[(slot * 4) + Subject];
                    var o = _node[(slot * 4) + Object];
                    var g = _node[(slot * 4) + Graph];
                    if (_labels.Count > mentionCounts.Length)
                    {
                        Array.Resize(ref mentionCounts, Math.Max(mentionCounts.Length * 2, _labels.Count));
                    }

                    if (s >= 0)
                    {
                        mentionCounts[s]++;
                    }

                    if (o >= 0 && o != s)
                    {
                        mentionCounts[o]++;
                    }

                    if (g >= 0 && g != s && g != o)
                    {
                        mentionCounts[g]++;
                    }
                }

                _kept[slot] = i;
                _quadCount++;
            }

            // The blank node to quads map as compressed rows.
            var nodeCount = _labels.Count;
            _mentionStart = new int[nodeCount + 1];
            for (var b = 0; b < nodeCount; b++)
            {
                _mentionStart[b + 1] = _mentionStart[b] + mentionCounts[b];
            }

            _mentions = new int[_mentionStart[nodeCount]];
            var fill = mentionCounts.AsSpan(0, nodeCount);
            fill.Clear();
            for (var q = 0; q < _quadCount; q++)
            {
                var s = _node[(q * 4) + Subject];
                var o = _node[(q * 4) + Object];
                var g = _node[(q * 4) + Graph];
                if (s >= 0)
                {
                    _mentions[_mentionStart[s] + fill[s]++] = q;
                }

                if (o >= 0 && o != s)
                {
                    _mentions[_mentionStart[o] + fill[o]++] = q;
                }

                if (g >= 0 && g != s && g != o)
                {
                    _mentions[_mentionStart[g] + fill[g]++] = q;
                }
            }

            return true;
        }

        private bool PrepareTerm(in RdfTerm term, int slot, int position, ref bool hasNode)
        {
            var i = (slot * 4) + position;
            _node[i] = -1;
            _termStart[i] = _terms.Length;
            _termLength[i] = 0;
            switch (term.Kind)
            {
                case RdfTermKind.BlankNode when position != Predicate && term.Value is not null:
                    if (!_nodeIndex.TryGetValue(term.Value, out var node))
                    {
                        node = _labels.Count;
                        _nodeIndex.Add(term.Value, node);
                        _labels.Add(term.Value);
                    }

                    _node[i] = node;
                    hasNode = true;
                    return true;

                case RdfTermKind.Iri:
                    if (!_terms.TryWriteIriStrict(term.Value))
                    {
                        return false;
                    }

                    break;

                case RdfTermKind.Literal when position == Object && term.Value is not null:
                    if (!WriteLiteral(term))
                    {
                        return false;
                    }

                    break;

                case RdfTermKind.DefaultGraph when position == Graph:
                    return true;

                default:
                    return false;
            }

            _termLength[i] = _terms.Length - _termStart[i];
            return true;
        }

        /// <summary>Appendix A: a literal in canonical form; xsd:string without its datatype IRI.</summary>
        private bool WriteLiteral(in RdfTerm literal)
        {
            _terms.WriteByte((byte)'"');
            _terms.WriteLiteralText(literal.Value);
            _terms.WriteByte((byte)'"');
            if (literal.Language is not null)
            {
                if (!RdfcByteBuffer.IsLanguageTag(literal.Language)
                    || (literal.Datatype is not null && !string.Equals(literal.Datatype, RdfTerm.RdfLangString, StringComparison.Ordinal)))
                {
                    return false;
                }

                _terms.WriteByte((byte)'@');
                _terms.WriteUtf8(literal.Language);
                return true;
            }

            if (literal.Datatype is null || string.Equals(literal.Datatype, RdfTerm.XsdString, StringComparison.Ordinal))
            {
                return true;
            }

            _terms.WriteByte((byte)'^');
            _terms.WriteByte((byte)'^');
            return _terms.TryWriteIriStrict(literal.Datatype);
        }

        /// <summary>Equality of prepared quads: same blank nodes and same rendered components.</summary>
        private sealed class SlotComparer(Canonicalization state) : IEqualityComparer<int>
        {
            public bool Equals(int x, int y)
            {
                for (var p = 0; p < 4; p++)
                {
                    int a = (x * 4) + p, b = (y * 4) + p;
                    if (state._node[a] != state._node[b]
                        || !state._terms.Slice(state._termStart[a], state._termLength[a]).SequenceEqual(state._terms.Slice(state._termStart[b], state._termLength[b])))
                    {
                        return false;
                    }
                }

                return true;
            }

            public int GetHashCode(int obj)
            {
                var hash = default(HashCode);
                for (var p = 0; p < 4; p++)
                {
                    var i = (obj * 4) + p;
                    hash.Add(state._node[i]);
                    hash.AddBytes(state._terms.Slice(state._termStart[i], state._termLength[i]));
                }

                return hash.ToHashCode();
            }
        }
    }
}
