using System;
using System.Collections.Generic;
using System.Text;

namespace Credentials.W3c.Rdfc;

/// <summary>
/// The result of RDFC-1.0: the canonicalized dataset (section 4.5.4 step 5) and its serialized canonical form (section 5).
/// </summary>
internal sealed class RdfCanonicalDataset
{
    private readonly byte[] _utf8;
    private string? _text;

    internal RdfCanonicalDataset(byte[] utf8, IReadOnlyList<RdfQuad> quads, IReadOnlyDictionary<string, string> issuedIdentifiers)
    {
        _utf8 = utf8;
        Quads = quads;
        IssuedIdentifiers = issuedIdentifiers;
    }

    /// <summary>
    /// The serialized canonical form as UTF-8: every quad in canonical N-Quads form with its canonical blank node labels,
    /// each line ending in <c>\n</c>, sorted in code point order. This is what Data Integrity hashes.
    /// </summary>
    public ReadOnlySpan<byte> NQuadsUtf8 => _utf8;

    /// <summary>The serialized canonical form as UTF-8 memory (see <see cref="NQuadsUtf8"/>).</summary>
    public ReadOnlyMemory<byte> NQuadsUtf8Memory => _utf8;

    /// <summary>The serialized canonical form as a string (decoded once, on first use).</summary>
    public string NQuads => _text ??= Encoding.UTF8.GetString(_utf8);

    /// <summary>The canonical quads, blank nodes relabelled <c>c14nN</c>, in the order of <see cref="NQuads"/>; duplicates removed.</summary>
    public IReadOnlyList<RdfQuad> Quads { get; }

    /// <summary>
    /// The issued identifiers map of the canonical issuer (section 4.5.4 step 5): each input blank node label (without
    /// <c>_:</c>) to its canonical label (<c>c14nN</c>, without <c>_:</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> IssuedIdentifiers { get; }
}
