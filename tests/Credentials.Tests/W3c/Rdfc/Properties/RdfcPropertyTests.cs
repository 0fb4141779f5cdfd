using System.Collections.Generic;
using System.Linq;
using System.Text;
using Credentials.W3c.Rdfc;
using CsCheck;
using Xunit;

namespace Credentials.Tests.W3c.Rdfc.Properties;

/// <summary>
/// Property tests (CsCheck, fixed seeds): canonicalization is invariant under reordering quads and renaming blank nodes,
/// its output reads back to a dataset that canonicalizes to itself, and no input makes the reader or the canonicalizer throw.
/// </summary>
public sealed class RdfcPropertyTests
{
    private static readonly string[] s_iris = ["http://ex/a", "http://ex/b", "urn:x:日本"];
    private static readonly string[] s_predicates = ["http://ex/p", "http://ex/q"];
    private static readonly string[] s_literals = ["", "v", "😀", "～", "a\nb", "\"q\""];

    // Datasets over at most 5 blank nodes, 3 IRIs and a few literals, some in named graphs.
    private static Gen<List<RdfQuad>> GenDataset =>
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 1], Gen.Int[0, 7], Gen.Int[0, 8], Gen.Int[0, 8])
            .Select((s, p, o, g, lit) => new RdfQuad(
                s < 5 ? RdfTerm.BlankNode("n" + s) : RdfTerm.Iri(s_iris[s - 5]),
                RdfTerm.Iri(s_predicates[p]),
                o < 5 ? RdfTerm.BlankNode("n" + o) : lit < s_literals.Length ? RdfTerm.Literal(s_literals[lit], language: lit == 1 ? "en" : null) : RdfTerm.Iri(s_iris[o - 5]),
                g < 2 ? RdfTerm.BlankNode("n" + g) : g < 4 ? RdfTerm.Iri(s_iris[g - 2]) : RdfTerm.DefaultGraph))
            .List[0, 12];

    [Fact]
    public void Canonicalize_ReorderedAndRenamed_SameForm()
    {
        RunSeeded(Gen.Select(GenDataset, Gen.Int[0, 1000]), 300, t =>
        {
            var (quads, salt) = t;
            var renamed = quads
                .Select(q => new RdfQuad(Rename(q.Subject, salt), q.Predicate, Rename(q.Object, salt), Rename(q.Graph, salt)))
                .OrderBy(q => (q.GetHashCode() ^ salt) & 0xFFFF)
                .ToList();

            var a = RdfCanonicalizer.Canonicalize(quads);
            var b = RdfCanonicalizer.Canonicalize(renamed);

            Assert.True(a.IsValid, a.Error?.ToString());
            Assert.Equal(a.Value.NQuads, b.Value.NQuads);
        });
    }

    [Fact]
    public void Canonicalize_Output_IsAFixedPoint()
    {
        RunSeeded(GenDataset, 300, quads =>
        {
            var first = RdfCanonicalizer.Canonicalize(quads).Value;
            var again = RdfCanonicalizer.Canonicalize(NQuads.Read(first.NQuads).GetValueOrThrow()).Value;

            Assert.Equal(first.NQuads, again.NQuads);
            Assert.Equal(first.NQuads, NQuads.Serialize(first.Quads));
        });
    }

    [Fact]
    public void ReadAndCanonicalize_MutatedDocuments_NeverThrow()
    {
        var document = "<http://ex/s> <http://ex/p> \"v\\u00E9\"@en _:g .\n_:a <http://ex/p> _:b .\n_:b <http://ex/q> \"1\"^^<http://ex/t> . # c\n";
        var bytes = Encoding.UTF8.GetBytes(document);
        RunSeeded(Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte, Gen.Int[0, 2]), 2000, t =>
        {
            var (index, value, mode) = t;
            var mutated = mode switch
            {
                0 => bytes.Select((b, i) => i == index ? value : b).ToArray(),
                1 => bytes.Where((_, i) => i != index).ToArray(),
                _ => bytes.Take(index).Concat([value]).Concat(bytes.Skip(index)).ToArray(),
            };

            var read = NQuads.Read(Encoding.UTF8.GetString(mutated));
            if (read.IsValid)
            {
                var canonical = RdfCanonicalizer.Canonicalize(read.Value);
                Assert.True(canonical.IsValid || canonical.Error.Code == RdfcErrors.InvalidDataset);
            }
            else
            {
                Assert.Equal(RdfcErrors.InvalidNQuads, read.Error.Code);
            }
        });
    }

    private static void RunSeeded<T>(Gen<T> gen, int iterations, System.Action<T> assert)
    {
        for (var i = 0; i < iterations; i++)
        {
            Check.Sample(gen, assert, seed: new PCG(17, 20261206UL + (ulong)i).ToString(), iter: 1, threads: 1);
        }
    }

    private static RdfTerm Rename(RdfTerm term, int salt) =>
        term.IsBlankNode ? RdfTerm.BlankNode("x" + ((term.Value[1] - '0') * 7919 + salt)) : term;
}
