using System;

namespace Credentials.W3c.Rdfc;

internal static partial class RdfCanonicalizer
{
    /// <summary>
    /// A temporary identifier issuer (section 4.3, prefix <c>b</c>): the number issued to each node and the order of
    /// issue. Small issuers are a list searched linearly; past <see cref="DenseThreshold"/> entries an index by node is
    /// kept, so copying stays cheap for the small issuers permutations copy most.
    /// </summary>
    private sealed class Issuer
    {
        private const int DenseThreshold = 16;

        private readonly int _nodeCount;
        private int[] _order;
        private int _count;
        private int[]? _ids;

        public Issuer(int nodeCount)
        {
            _nodeCount = nodeCount;
            _order = new int[Math.Min(nodeCount, 4)];
        }

        private Issuer(int nodeCount, int[] order, int count, int[]? ids)
        {
            _nodeCount = nodeCount;
            _order = order;
            _count = count;
            _ids = ids;
        }

        /// <summary>How many identifiers were issued.</summary>
        public int Count => _count;

        /// <summary>The nodes in order of issue (the first <see cref="Count"/> entries).</summary>
        public ReadOnlySpan<int> Order => _order.AsSpan(0, _count);

        public bool Has(int node) => Get(node) >= 0;

        /// <summary>The number issued to the node, or -1.</summary>
        public int Get(int node)
        {
            if (_ids is not null)
            {
                return _ids[node];
            }

            var order = _order.AsSpan(0, _count);
            for (var i = 0; i < order.Length; i++)
            {
                if (order[i] == node)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Section 4.5.2: the existing number, or the next one.</summary>
        public int Issue(int node)
        {
            var existing = Get(node);
            if (existing >= 0)
            {
                return existing;
            }

            if (_count == _order.Length)
            {
                Array.Resize(ref _order, Math.Min(_nodeCount, Math.Max(4, _order.Length * 2)));
            }

            var issued = _count;
            _order[_count++] = node;
            if (_ids is not null)
            {
                _ids[node] = issued;
            }
            else if (_count > DenseThreshold)
            {
                _ids = new int[_nodeCount];
                _ids.AsSpan().Fill(-1);
                for (var i = 0; i < _count; i++)
                {
                    _ids[_order[i]] = i;
                }
            }

            return issued;
        }

        public Issuer Clone()
        {
            var order = new int[Math.Max(_count, Math.Min(_nodeCount, 4))];
            _order.AsSpan(0, _count).CopyTo(order);
            return new Issuer(_nodeCount, order, _count, (int[]?)_ids?.Clone());
        }
    }
}
