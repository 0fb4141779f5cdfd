using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Credentials.W3c.Rdfc;

internal static partial class RdfCanonicalizer
{
    /// <summary>
    /// One run of the algorithm: the canonicalization state of section 4.2 with blank nodes as dense indices, quads as
    /// pre-rendered canonical n-quads components, and hashes as lowercase hexadecimal UTF-8.
    /// </summary>
    private sealed partial class Canonicalization
    {
        private const int Subject = 0;
        private const int Predicate = 1;
        private const int Object = 2;
        private const int Graph = 3;

        private readonly IReadOnlyList<RdfQuad> _input;
        private readonly bool _sha384;
        private readonly int _digestLength;
        private readonly int _hexLength;
        private readonly int _maxWork;
        private int _work;

        // Quads kept (input indices, duplicates dropped) and, per kept quad and position, the blank node index (or -1)
        // and the canonical n-quads form of the other components in _terms (start and length; length 0: default graph).
        private int[] _kept = [];
        private int _quadCount;
        private int[] _node = [];
        private int[] _termStart = [];
        private int[] _termLength = [];
        private readonly RdfcByteBuffer _terms;

        // Blank nodes in order of first mention (subject, object, graph of each quad in turn), their labels, and the
        // blank node to quads map of section 4.2 as compressed rows: quads of node b are _mentions[_mentionStart[b].._mentionStart[b+1]].
        private readonly Dictionary<string, int> _nodeIndex = new(StringComparer.Ordinal);
        private readonly List<string> _labels = [];
        private int[] _mentionStart = [];
        private int[] _mentions = [];

        // First degree hashes (section 4.6), _hexLength bytes per node.
        private byte[] _firstDegree = [];

        // The canonical issuer (section 4.3, prefix c14n): the number issued to each node (or -1), and the order of issue.
        private int[] _canonical = [];
        private int[] _canonicalOrder = [];
        private int _canonicalCount;

        private readonly RdfcByteBuffer _scratch;
        private readonly RdfcByteBuffer _hashInput;
        private int[] _lineStarts = new int[16];
        private int[] _lineOrder = new int[16];

        public Canonicalization(IReadOnlyList<RdfQuad> input, bool sha384, int maxWork)
        {
            _input = input;
            _sha384 = sha384;
            _digestLength = sha384 ? SHA384.HashSizeInBytes : SHA256.HashSizeInBytes;
            _hexLength = _digestLength * 2;
            _maxWork = maxWork;
            _terms = new RdfcByteBuffer(input.Count * 96);
            _scratch = new RdfcByteBuffer(1024);
            _hashInput = new RdfcByteBuffer(1024);
        }

        public VerificationResult<RdfCanonicalDataset> Run()
        {
            // Section 4.4.3 steps 1 and 2: the blank node to quads map.
            if (!Prepare())
            {
                return new VerificationError(RdfcErrors.InvalidDataset, "A quad has a term its position does not allow, or an IRI or language tag that cannot be serialized.");
            }

            var nodeCount = _labels.Count;
            _canonical = new int[nodeCount];
            _canonical.AsSpan().Fill(-1);
            _canonicalOrder = new int[nodeCount];

            if (nodeCount > 0)
            {
                try
                {
                    IssueCanonicalIdentifiers(nodeCount);
                }
                catch (WorkLimitException)
                {
                    return new VerificationError(RdfcErrors.WorkLimitExceeded, "Canonicalizing the dataset needs more Hash N-Degree Quads work than the limit allows.");
                }
            }

            // Section 4.4.3 step 7 and section 5: serialize with the canonical labels, sort, concatenate.
            return Serialize();
        }

        private void IssueCanonicalIdentifiers(int nodeCount)
        {
            // Section 4.4.3 step 3: the first degree hash of every blank node, and the hash to blank nodes map (here:
            // nodes sorted by hash, ties in order of first mention, which is the order the map's lists are built in).
            _firstDegree = new byte[nodeCount * _hexLength];
            for (var b = 0; b < nodeCount; b++)
            {
                HashFirstDegreeQuads(b);
            }

            var byHash = new int[nodeCount];
            for (var i = 0; i < nodeCount; i++)
            {
                byHash[i] = i;
            }

            byHash.AsSpan().Sort(new FirstDegreeOrder(_firstDegree, _hexLength));

            // Step 4: in hash order, a hash shared by no other node issues its node a canonical identifier.
            List<(int Start, int Count)>? shared = null;
            for (var i = 0; i < nodeCount;)
            {
                var j = i + 1;
                while (j < nodeCount && FirstDegree(byHash[j]).SequenceEqual(FirstDegree(byHash[i])))
                {
                    j++;
                }

                if (j - i == 1)
                {
                    IssueCanonical(byHash[i]);
                }
                else
                {
                    (shared ??= []).Add((i, j - i));
                }

                i = j;
            }

            if (shared is null)
            {
                return;
            }

            // Step 5: for each shared hash, in hash order.
            foreach (var (start, count) in shared)
            {
                // Step 5.1 and 5.2: a hash path for each node of the list without a canonical identifier yet.
                var hashPaths = new List<(byte[] Hash, Issuer Issuer)>(count);
                for (var k = start; k < start + count; k++)
                {
                    var n = byHash[k];
                    if (_canonical[n] >= 0)
                    {
                        continue;
                    }

                    // Steps 5.2.2 to 5.2.4: a temporary issuer with prefix b that has issued b0 to n.
                    var temporary = new Issuer(nodeCount);
                    temporary.Issue(n);
                    hashPaths.Add(HashNDegreeQuads(n, temporary));
                }

                // Step 5.3: in code point order of the hashes (stable: equal hashes keep the list's order), issue canonical
                // identifiers to the nodes each result's issuer labelled, in the order it labelled them.
                SortStable(hashPaths);
                foreach (var (_, issuer) in hashPaths)
                {
                    for (var k = 0; k < issuer.Count; k++)
                    {
                        IssueCanonical(issuer.Order[k]);
                    }
                }
            }
        }

        /// <summary>Section 4.5.2 for the canonical issuer.</summary>
        private void IssueCanonical(int node)
        {
            if (_canonical[node] >= 0)
            {
                return;
            }

            _canonical[node] = _canonicalCount;
            _canonicalOrder[_canonicalCount++] = node;
        }

        private ReadOnlySpan<byte> FirstDegree(int node) => _firstDegree.AsSpan(node * _hexLength, _hexLength);

        /// <summary>Section 4.6.3: Hash First Degree Quads.</summary>
        private void HashFirstDegreeQuads(int node)
        {
            var first = _mentionStart[node];
            var count = _mentionStart[node + 1] - first;
            _scratch.Reset();
            if (_lineStarts.Length < count + 1)
            {
                _lineStarts = new int[Math.Max(count + 1, _lineStarts.Length * 2)];
                _lineOrder = new int[_lineStarts.Length];
            }

            var lineStarts = _lineStarts;
            var order = _lineOrder.AsSpan(0, count);

            // Steps 1 to 3: each quad in canonical n-quads form, the reference node as _:a and other blank nodes as _:z.
            for (var i = 0; i < count; i++)
            {
                lineStarts[i] = _scratch.Length;
                order[i] = i;
                WriteLine(_scratch, _mentions[first + i], node);
            }

            lineStarts[count] = _scratch.Length;

            // Step 4: code point order (UTF-8 byte order is code point order).
            SortLines(order, lineStarts, _scratch.Buffer);

            // Step 5: hash the concatenation.
            _hashInput.Reset();
            foreach (var i in order)
            {
                _hashInput.Write(_scratch.Slice(lineStarts[i], lineStarts[i + 1] - lineStarts[i]));
            }

            Span<byte> digest = stackalloc byte[_digestLength];
            Hash(_hashInput.WrittenSpan, digest);
            WriteHex(digest, _firstDegree.AsSpan(node * _hexLength, _hexLength));
        }

        /// <summary>
        /// Section 4.8.3: Hash N-Degree Quads. Returns the hash and the issuer used; never changes the issuer passed in.
        /// </summary>
        private (byte[] Hash, Issuer Issuer) HashNDegreeQuads(int identifier, Issuer issuer)
        {
            // Section 4.4.3: the defence against poison datasets (section 7.1) counts every invocation.
            CountWork();
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                throw new WorkLimitException();
            }

            // Steps 1 to 3: Hn, the related hash of every blank node component (subject, object, graph) of the quads of
            // identifier other than identifier itself, with the component's node.
            var first = _mentionStart[identifier];
            var mentionCount = _mentionStart[identifier + 1] - first;
            var related = new List<(int Node, int HashStart)>(mentionCount * 2);
            var relatedHashes = new RdfcByteBuffer(mentionCount * 2 * _hexLength);
            for (var i = 0; i < mentionCount; i++)
            {
                var q = _mentions[first + i];
                for (var position = Subject; position <= Graph; position++)
                {
                    if (position == Predicate)
                    {
                        continue;
                    }

                    var component = _node[(q * 4) + position];
                    if (component < 0 || component == identifier)
                    {
                        continue;
                    }

                    var hashStart = relatedHashes.Length;
                    HashRelatedBlankNode(component, q, issuer, position, relatedHashes);
                    related.Add((component, hashStart));
                }
            }

            // Step 5: for each related hash in code point order (entries with equal hashes keep their order).
            var hexLength = _hexLength;
            var hashBuffer = relatedHashes.Buffer;
            related.Sort((x, y) =>
            {
                var c = hashBuffer.AsSpan(x.HashStart, hexLength).SequenceCompareTo(hashBuffer.AsSpan(y.HashStart, hexLength));
                return c != 0 ? c : x.HashStart.CompareTo(y.HashStart);
            });

            // Step 4: data to hash.
            var dataToHash = new RdfcByteBuffer(related.Count * (hexLength + 16));
            var path = new RdfcByteBuffer(64);
            var chosenPath = new RdfcByteBuffer(64);
            for (var g = 0; g < related.Count;)
            {
                var relatedHash = relatedHashes.Slice(related[g].HashStart, hexLength);
                var end = g + 1;
                while (end < related.Count && relatedHashes.Slice(related[end].HashStart, hexLength).SequenceEqual(relatedHash))
                {
                    end++;
                }

                // Step 5.1: append the related hash.
                dataToHash.Write(relatedHash);

                // Step 5.2 to 5.4: the blank node list and its permutations, in lexicographic order of node index
                // (a list with repeated nodes yields each distinct permutation once; repeats give equal paths).
                var list = new int[end - g];
                for (var k = 0; k < list.Length; k++)
                {
                    list[k] = related[g + k].Node;
                }

                Array.Sort(list);
                chosenPath.Reset();
                Issuer? chosenIssuer = null;
                var recursion = new List<int>();
                do
                {
                    CountWork();

                    // Steps 5.4.1 to 5.4.3.
                    var issuerCopy = issuer.Clone();
                    path.Reset();
                    recursion.Clear();
                    var skip = false;

                    // Step 5.4.4: for each related node in the permutation.
                    foreach (var node in list)
                    {
                        if (_canonical[node] >= 0)
                        {
                            // Step 5.4.4.1: its canonical identifier.
                            WriteCanonicalLabel(path, node);
                        }
                        else
                        {
                            // Step 5.4.4.2: recurse later into nodes the copy has not labelled; label it now.
                            if (!issuerCopy.Has(node))
                            {
                                recursion.Add(node);
                            }

                            WriteTemporaryLabel(path, issuerCopy.Issue(node));
                        }

                        // Step 5.4.4.3: a path already longer and greater than the chosen one cannot win.
                        if (chosenPath.Length > 0 && path.Length >= chosenPath.Length && path.WrittenSpan.SequenceCompareTo(chosenPath.WrittenSpan) > 0)
                        {
                            skip = true;
                            break;
                        }
                    }

                    if (!skip)
                    {
                        // Step 5.4.5: recurse, appending each node's label and the hash its recursion produced.
                        foreach (var node in recursion)
                        {
                            var result = HashNDegreeQuads(node, issuerCopy);
                            WriteTemporaryLabel(path, issuerCopy.Issue(node));
                            path.WriteByte((byte)'<');
                            path.Write(result.Hash);
                            path.WriteByte((byte)'>');
                            issuerCopy = result.Issuer;
                            if (chosenPath.Length > 0 && path.Length >= chosenPath.Length && path.WrittenSpan.SequenceCompareTo(chosenPath.WrittenSpan) > 0)
                            {
                                skip = true;
                                break;
                            }
                        }
                    }

                    // Step 5.4.6: keep the least path (the first one found among equals) and its issuer.
                    if (!skip && (chosenPath.Length == 0 || path.WrittenSpan.SequenceCompareTo(chosenPath.WrittenSpan) < 0))
                    {
                        (chosenPath, path) = (path, chosenPath);
                        chosenIssuer = issuerCopy;
                    }
                }
                while (NextPermutation(list));

                // Steps 5.5 and 5.6: append the chosen path; the chosen issuer replaces the issuer.
                dataToHash.Write(chosenPath.WrittenSpan);
                Debug.Assert(chosenIssuer is not null, "The first permutation is never skipped.");
                issuer = chosenIssuer!;
                g = end;
            }

            // Step 6: the hash of data to hash, and the issuer.
            Span<byte> digest = stackalloc byte[_digestLength];
            Hash(dataToHash.WrittenSpan, digest);
            var hex = new byte[_hexLength];
            WriteHex(digest, hex);
            return (hex, issuer);
        }

        /// <summary>Section 4.7.3: Hash Related Blank Node; appends the hash (hexadecimal) to <paramref name="destination"/>.</summary>
        private void HashRelatedBlankNode(int related, int quad, Issuer issuer, int position, RdfcByteBuffer destination)
        {
            // Step 1: the position, s, o or g.
            _hashInput.Reset();
            _hashInput.WriteByte(position switch { Subject => (byte)'s', Object => (byte)'o', _ => (byte)'g' });

            // Step 2: unless g, the predicate between < and > (its canonical n-quads form, as IRIs are written natively).
            if (position != Graph)
            {
                var p = (quad * 4) + Predicate;
                _hashInput.Write(_terms.Slice(_termStart[p], _termLength[p]));
            }

            // Steps 3 and 4: the canonical identifier, else the issuer's, else the first degree hash.
            if (_canonical[related] >= 0)
            {
                WriteCanonicalLabel(_hashInput, related);
            }
            else if (issuer.Has(related))
            {
                WriteTemporaryLabel(_hashInput, issuer.Get(related));
            }
            else
            {
                _hashInput.Write(FirstDegree(related));
            }

            // Step 5.
            Span<byte> digest = stackalloc byte[_digestLength];
            Hash(_hashInput.WrittenSpan, digest);
            Span<byte> hex = stackalloc byte[_hexLength];
            WriteHex(digest, hex);
            destination.Write(hex);
        }

        private VerificationResult<RdfCanonicalDataset> Serialize()
        {
            var lines = new RdfcByteBuffer(_terms.Length + (_quadCount * 32));
            var lineStarts = new int[_quadCount + 1];
            var order = new int[_quadCount];
            for (var i = 0; i < _quadCount; i++)
            {
                lineStarts[i] = lines.Length;
                order[i] = i;
                WriteLine(lines, i, -1);
            }

            lineStarts[_quadCount] = lines.Length;
            SortLines(order, lineStarts, lines.Buffer);

            // Section 5: concatenate in code point order. Repeated quads left after Prepare have no blank node; their
            // lines are equal and adjacent now, and count once.
            var output = new byte[lines.Length];
            var length = 0;
            // The input quads in canonical order, copied: the result must not change if the caller's list does.
            var sorted = new RdfQuad[_quadCount];
            var sortedCount = 0;
            ReadOnlySpan<byte> previous = default;
            foreach (var i in order)
            {
                var line = lines.Slice(lineStarts[i], lineStarts[i + 1] - lineStarts[i]);
                if (sortedCount > 0 && line.SequenceEqual(previous))
                {
                    continue;
                }

                line.CopyTo(output.AsSpan(length));
                length += line.Length;
                sorted[sortedCount++] = _input[_kept[i]];
                previous = line;
            }

            if (length != output.Length)
            {
                Array.Resize(ref output, length);
            }

            if (sortedCount != sorted.Length)
            {
                Array.Resize(ref sorted, sortedCount);
            }

            return new RdfCanonicalDataset(output, sorted, _nodeIndex, _labels, _canonical, _canonicalOrder);
        }

        /// <summary>
        /// Writes one line in canonical n-quads form; blank nodes are <c>_:a</c> (the reference node) and <c>_:z</c> when
        /// <paramref name="reference"/> is a node (section 4.6.3 step 3.1), or their canonical labels when it is -1.
        /// </summary>
        private void WriteLine(RdfcByteBuffer destination, int quad, int reference)
        {
            var baseIndex = quad * 4;
            for (var position = Subject; position <= Graph; position++)
            {
                var i = baseIndex + position;
                var node = _node[i];
                if (node >= 0)
                {
                    if (reference >= 0)
                    {
                        destination.WriteByte((byte)'_');
                        destination.WriteByte((byte)':');
                        destination.WriteByte(node == reference ? (byte)'a' : (byte)'z');
                    }
                    else
                    {
                        WriteCanonicalLabel(destination, node);
                    }

                    destination.WriteByte((byte)' ');
                }
                else if (_termLength[i] > 0)
                {
                    destination.Write(_terms.Slice(_termStart[i], _termLength[i]));
                    destination.WriteByte((byte)' ');
                }
            }

            destination.WriteByte((byte)'.');
            destination.WriteByte((byte)'\n');
        }

        private void WriteCanonicalLabel(RdfcByteBuffer destination, int node)
        {
            destination.Write("_:c14n"u8);
            destination.WriteNumber(_canonical[node]);
        }

        private static void WriteTemporaryLabel(RdfcByteBuffer destination, int number)
        {
            destination.Write("_:b"u8);
            destination.WriteNumber(number);
        }

        private void CountWork()
        {
            if (++_work > _maxWork)
            {
                throw new WorkLimitException();
            }
        }

        private void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
        {
            if (_sha384)
            {
                SHA384.HashData(data, digest);
            }
            else
            {
                SHA256.HashData(data, digest);
            }
        }

        /// <summary>Section 3.1, "hash": the lowercase hexadecimal form of the digest.</summary>
        private static void WriteHex(ReadOnlySpan<byte> digest, Span<byte> destination)
        {
            ReadOnlySpan<byte> hex = "0123456789abcdef"u8;
            for (var i = 0; i < digest.Length; i++)
            {
                destination[2 * i] = hex[digest[i] >> 4];
                destination[(2 * i) + 1] = hex[digest[i] & 0xF];
            }
        }

        private static void SortLines(Span<int> order, int[] lineStarts, byte[] buffer)
        {
            if (order.Length < 2)
            {
                return;
            }

            // Sort by content; ties (equal lines) by position, so the result does not depend on the sort's stability.
            order.Sort(new LineOrder(buffer, lineStarts));
        }

        private static void SortStable(List<(byte[] Hash, Issuer Issuer)> hashPaths)
        {
            // Insertion sort: short lists, and stable.
            for (var i = 1; i < hashPaths.Count; i++)
            {
                var item = hashPaths[i];
                var j = i - 1;
                while (j >= 0 && hashPaths[j].Hash.AsSpan().SequenceCompareTo(item.Hash) > 0)
                {
                    hashPaths[j + 1] = hashPaths[j];
                    j--;
                }

                hashPaths[j + 1] = item;
            }
        }

        /// <summary>The next permutation in lexicographic order; <see langword="false"/> after the last.</summary>
        private static bool NextPermutation(int[] list)
        {
            var i = list.Length - 2;
            while (i >= 0 && list[i] >= list[i + 1])
            {
                i--;
            }

            if (i < 0)
            {
                return false;
            }

            var j = list.Length - 1;
            while (list[j] <= list[i])
            {
                j--;
            }

            (list[i], list[j]) = (list[j], list[i]);
            Array.Reverse(list, i + 1, list.Length - i - 1);
            return true;
        }

        private readonly struct FirstDegreeOrder(byte[] hashes, int hexLength) : IComparer<int>
        {
            public int Compare(int x, int y)
            {
                var c = hashes.AsSpan(x * hexLength, hexLength).SequenceCompareTo(hashes.AsSpan(y * hexLength, hexLength));
                return c != 0 ? c : x.CompareTo(y);
            }
        }

        private readonly struct LineOrder(byte[] buffer, int[] starts) : IComparer<int>
        {
            public int Compare(int x, int y)
            {
                var c = buffer.AsSpan(starts[x], starts[x + 1] - starts[x]).SequenceCompareTo(buffer.AsSpan(starts[y], starts[y + 1] - starts[y]));
                return c != 0 ? c : x.CompareTo(y);
            }
        }

        private sealed class WorkLimitException : Exception
        {
        }
    }
}
