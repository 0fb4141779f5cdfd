using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Credentials.W3c.Rdfc;
using Xunit;

namespace Credentials.Tests.W3c.Rdfc.Canonicalization;

/// <summary>RDFC-1.0 behaviour beyond the W3C suite: the specification's examples, order, sets, limits and bad input.</summary>
public sealed class RdfCanonicalizerTests
{
    private const string Ex = "http://example.com/#";

    private static VerificationResult<RdfCanonicalDataset> Canonicalize(string nquads, RdfCanonicalizationOptions? options = null) =>
        RdfCanonicalizer.Canonicalize(NQuads.Read(nquads).GetValueOrThrow(), options);

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Canonicalize_UniqueHashesExample_IssuesInFirstDegreeHashOrder()
    {
        // RDFC-1.0 section 4.6.2, example 4: the first degree hashes the specification states, then section 4.4.3 step 4.
        Assert.Equal("21d1dd5ba21f3dee9d76c0c00c260fa6f5d5d65315099e553026f4828d0dc77a", Hex($"<{Ex}p> <{Ex}q> _:a .\n_:a <{Ex}s> <{Ex}u> .\n"));
        Assert.Equal("6fa0b9bdb376852b5743ff39ca4cbf7ea14d34966b2828478fbf222e7c764473", Hex($"<{Ex}p> <{Ex}r> _:a .\n_:a <{Ex}t> <{Ex}u> .\n"));

        var result = Canonicalize($"<{Ex}p> <{Ex}q> _:e0 .\n<{Ex}p> <{Ex}r> _:e1 .\n_:e0 <{Ex}s> <{Ex}u> .\n_:e1 <{Ex}t> <{Ex}u> .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(new Dictionary<string, string> { ["e0"] = "c14n0", ["e1"] = "c14n1" }, result.Value.IssuedIdentifiers);
        Assert.Equal(
            $"<{Ex}p> <{Ex}q> _:c14n0 .\n<{Ex}p> <{Ex}r> _:c14n1 .\n_:c14n0 <{Ex}s> <{Ex}u> .\n_:c14n1 <{Ex}t> <{Ex}u> .\n",
            result.Value.NQuads);
    }

    [Fact]
    public void Canonicalize_SharedHashesExample_IssuedIdentifiersAsTheSpecificationLogs()
    {
        // RDFC-1.0 section 4.4.3, the shared hashes example (log point ca.6): {e2: c14n0, e3: c14n1, e1: c14n2, e0: c14n3}.
        var result = Canonicalize($"<{Ex}p> <{Ex}q> _:e0 .\n<{Ex}p> <{Ex}q> _:e1 .\n_:e0 <{Ex}p> _:e2 .\n_:e1 <{Ex}p> _:e3 .\n_:e2 <{Ex}r> _:e3 .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(["e2", "e3", "e1", "e0"], result.Value.IssuedIdentifiers.Keys);
        Assert.Equal(["c14n0", "c14n1", "c14n2", "c14n3"], result.Value.IssuedIdentifiers.Values);
    }

    [Fact]
    public void Canonicalize_CharactersAboveBmp_SortedInCodePointOrderNotUtf16Order()
    {
        // U+FF5E sorts before U+1F600 by code point; in UTF-16 code units the surrogate 0xD83D would sort first.
        var result = Canonicalize("<http://ex/s> <http://ex/p> \"😀\" .\n<http://ex/s> <http://ex/p> \"～\" .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("<http://ex/s> <http://ex/p> \"～\" .\n<http://ex/s> <http://ex/p> \"😀\" .\n", result.Value.NQuads);
    }

    [Fact]
    public void Canonicalize_Utf8AndString_SameContent()
    {
        var result = Canonicalize("_:x <http://ex/p> \"日本語\" .\n");

        Assert.Equal(Encoding.UTF8.GetBytes(result.Value.NQuads), result.Value.NQuadsUtf8.ToArray());
        Assert.Equal(result.Value.NQuadsUtf8.ToArray(), result.Value.NQuadsUtf8Memory.ToArray());
        Assert.Equal("_:c14n0 <http://ex/p> \"日本語\" .\n", result.Value.NQuads);
    }

    [Fact]
    public void Canonicalize_InputListChangedAfterwards_ResultUnchanged()
    {
        var quads = new List<RdfQuad> { new(RdfTerm.BlankNode("x"), RdfTerm.Iri("http://ex/p"), RdfTerm.Literal("v")) };
        var result = RdfCanonicalizer.Canonicalize(quads).Value;

        quads[0] = new(RdfTerm.Iri("http://ex/other"), RdfTerm.Iri("http://ex/p"), RdfTerm.Literal("w"));
        quads.Add(quads[0]);

        Assert.Equal([new RdfQuad(RdfTerm.BlankNode("c14n0"), RdfTerm.Iri("http://ex/p"), RdfTerm.Literal("v"))], result.Quads);
        Assert.Equal("_:c14n0 <http://ex/p> \"v\" .\n", result.NQuads);
    }

    [Fact]
    public void Canonicalize_EmptyDataset_EmptyForm()
    {
        var result = RdfCanonicalizer.Canonicalize([]);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.Value.NQuadsUtf8.Length);
        Assert.Empty(result.Value.Quads);
        Assert.Empty(result.Value.IssuedIdentifiers);
    }

    [Fact]
    public void Canonicalize_RepeatedQuads_CountOnce()
    {
        var once = new List<RdfQuad>
        {
            new(RdfTerm.BlankNode("a"), RdfTerm.Iri("http://ex/p"), RdfTerm.BlankNode("b")),
            new(RdfTerm.BlankNode("b"), RdfTerm.Iri("http://ex/p"), RdfTerm.Literal("v")),
            new(RdfTerm.Iri("http://ex/s"), RdfTerm.Iri("http://ex/p"), RdfTerm.Literal("w")),
        };
        var repeated = once.Concat(once).Concat([once[0]]).ToList();

        var a = RdfCanonicalizer.Canonicalize(once);
        var b = RdfCanonicalizer.Canonicalize(repeated);

        Assert.True(b.IsValid, b.Error?.ToString());
        Assert.Equal(a.Value.NQuads, b.Value.NQuads);
        Assert.Equal(3, b.Value.Quads.Count);
        Assert.Equal(3, b.Value.NQuads.Count(c => c == '\n'));
    }

    [Fact]
    public void Canonicalize_SameNodeInSeveralPositions_QuadCountedOncePerNode()
    {
        // The mention set is a set (section 3.1): "_:a <p> _:a _:a" is one quad of a's mentions.
        var result = Canonicalize("_:a <http://ex/p> _:a _:a .\n_:a <http://ex/q> _:b .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, result.Value.IssuedIdentifiers.Count);
        Assert.Equal(2, result.Value.Quads.Count);
    }

    [Fact]
    public void Canonicalize_BlankNodeGraphName_Relabelled()
    {
        var result = Canonicalize("<http://ex/s> <http://ex/p> <http://ex/o> _:g .\n");

        Assert.Equal("<http://ex/s> <http://ex/p> <http://ex/o> _:c14n0 .\n", result.Value.NQuads);
        Assert.Equal(RdfTerm.BlankNode("c14n0"), result.Value.Quads[0].Graph);
    }

    [Fact]
    public void Canonicalize_Sha384_ChangesLabelsWhereHashesOrderThem()
    {
        // Two nodes whose first degree hashes order them: the order, so the labels, depend on the hash function.
        const string input = "_:x <http://ex/p> \"1\" .\n_:y <http://ex/p> \"2\" .\n";
        var sha256 = Canonicalize(input);
        var sha384 = Canonicalize(input, new RdfCanonicalizationOptions { HashAlgorithm = HashAlgorithmName.SHA384 });

        string Expected(HashAlgorithmName name)
        {
            var hx = Convert.ToHexStringLower(CryptographicOperations.HashData(name, Encoding.UTF8.GetBytes("_:a <http://ex/p> \"1\" .\n")));
            var hy = Convert.ToHexStringLower(CryptographicOperations.HashData(name, Encoding.UTF8.GetBytes("_:a <http://ex/p> \"2\" .\n")));
            return string.CompareOrdinal(hx, hy) < 0 ? "c14n0" : "c14n1";
        }

        Assert.Equal(Expected(HashAlgorithmName.SHA256), sha256.Value.IssuedIdentifiers["x"]);
        Assert.Equal(Expected(HashAlgorithmName.SHA384), sha384.Value.IssuedIdentifiers["x"]);
    }

    public static TheoryData<string> InvalidQuadNames() => new(s_invalidQuads.Keys);

    private static readonly Dictionary<string, RdfQuad> s_invalidQuads = BuildInvalidQuads();

    private static Dictionary<string, RdfQuad> BuildInvalidQuads()
    {
        var s = RdfTerm.Iri("http://ex/s");
        var p = RdfTerm.Iri("http://ex/p");
        var o = RdfTerm.Iri("http://ex/o");
        return new Dictionary<string, RdfQuad>
        {
            { "literal subject", new(RdfTerm.Literal("x"), p, o) },
            { "blank node predicate", new(s, RdfTerm.BlankNode("p"), o) },
            { "literal predicate", new(s, RdfTerm.Literal("p"), o) },
            { "default graph as subject", new(RdfTerm.DefaultGraph, p, o) },
            { "default graph as object", new(s, p, RdfTerm.DefaultGraph) },
            { "literal graph", new(s, p, o, RdfTerm.Literal("g")) },
            { "default term", new(default, p, o) },
            { "empty IRI", new(s, RdfTerm.Iri(""), o) },
            { "space in an IRI", new(s, p, RdfTerm.Iri("http://ex/a b")) },
            { "'>' in an IRI", new(RdfTerm.Iri("http://ex/a>"), p, o) },
            { "unpaired surrogate in an IRI", new(s, p, RdfTerm.Iri("http://ex/\uD800")) },
            { "malformed language tag", new(s, p, RdfTerm.Literal("v", language: "en US")) },
            { "language tag on another datatype", new(s, p, RdfTerm.Literal("v", "http://ex/t", "en")) },
            { "space in a datatype IRI", new(s, p, RdfTerm.Literal("v", "http://ex/a b")) },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidQuadNames))]
    public void Canonicalize_TermNotAllowedOrNotSerializable_InvalidDataset(string why)
    {
        var quad = s_invalidQuads[why];
        var result = RdfCanonicalizer.Canonicalize([new(RdfTerm.BlankNode("b"), RdfTerm.Iri("http://ex/p"), RdfTerm.Literal("ok")), quad]);

        Assert.False(result.IsValid, why);
        Assert.Equal(RdfcErrors.InvalidDataset, result.Error.Code);
    }

    [Fact]
    public void Canonicalize_LiteralWithoutDatatype_IsAnXsdString()
    {
        var result = RdfCanonicalizer.Canonicalize([new(RdfTerm.Iri("http://ex/s"), RdfTerm.Iri("http://ex/p"), new RdfTerm(RdfTermKind.Literal, "v"))]);

        Assert.Equal("<http://ex/s> <http://ex/p> \"v\" .\n", result.Value.NQuads);
    }

    [Fact]
    public void Canonicalize_MoreQuadsThanAllowed_TooLarge()
    {
        var quads = Enumerable.Range(0, 3).Select(i => new RdfQuad(RdfTerm.Iri("http://ex/s"), RdfTerm.Iri("http://ex/p"), RdfTerm.Literal(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();

        var result = RdfCanonicalizer.Canonicalize(quads, new RdfCanonicalizationOptions { MaxQuads = 2 });

        Assert.False(result.IsValid);
        Assert.Equal(RdfcErrors.TooLarge, result.Error.Code);
        Assert.True(RdfCanonicalizer.Canonicalize(quads, new RdfCanonicalizationOptions { MaxQuads = 3 }).IsValid);
    }

    [Fact]
    public void Canonicalize_UnsupportedHashAlgorithmOrLimitBelowOne_ProgrammerError()
    {
        Assert.Throws<ArgumentException>(() => RdfCanonicalizer.Canonicalize([], new RdfCanonicalizationOptions { HashAlgorithm = HashAlgorithmName.SHA512 }));
        Assert.Throws<ArgumentException>(() => RdfCanonicalizer.Canonicalize([], new RdfCanonicalizationOptions { HashAlgorithm = HashAlgorithmName.MD5 }));
        Assert.Throws<ArgumentException>(() => RdfCanonicalizer.Canonicalize([], new RdfCanonicalizationOptions { MaxHashNDegreeQuadsWork = 0 }));
        Assert.Throws<ArgumentException>(() => RdfCanonicalizer.Canonicalize([], new RdfCanonicalizationOptions { MaxQuads = 0 }));
        Assert.Throws<ArgumentNullException>(() => RdfCanonicalizer.Canonicalize(null!));
    }

    [Fact]
    public void Canonicalize_CliqueBeyondTheWorkLimit_WorkLimitExceeded()
    {
        var clique = Clique(4);

        var limited = RdfCanonicalizer.Canonicalize(clique, new RdfCanonicalizationOptions { MaxHashNDegreeQuadsWork = 5 });
        var unlimited = RdfCanonicalizer.Canonicalize(clique);

        Assert.False(limited.IsValid);
        Assert.Equal(RdfcErrors.WorkLimitExceeded, limited.Error.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, limited.Error.Kind);
        Assert.True(unlimited.IsValid, unlimited.Error?.ToString());
        Assert.Equal(4, unlimited.Value.IssuedIdentifiers.Count);
    }

    [Fact]
    public void Canonicalize_ListOfEqualValues_WithinTheDefaultLimit()
    {
        // A JSON-LD @list of 64 equal values: 62 list nodes share a first degree hash (about 3n² units of work).
        var result = RdfCanonicalizer.Canonicalize(List(64));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(64, result.Value.IssuedIdentifiers.Count);
    }

    [Fact]
    public void Canonicalize_RecursionDeeperThanTheStack_WorkLimitExceededNotACrash()
    {
        // A ring of equal blank nodes makes Hash N-Degree Quads recurse once per node; on a small stack the recursion
        // guard stops it before the stack overflows, whatever the work limit.
        var ring = Ring(20_000);
        VerificationResult<RdfCanonicalDataset>? result = null;
        var thread = new Thread(() => result = RdfCanonicalizer.Canonicalize(ring, new RdfCanonicalizationOptions { MaxHashNDegreeQuadsWork = int.MaxValue }), 512 * 1024);

        thread.Start();
        thread.Join();

        Assert.NotNull(result);
        Assert.False(result.IsValid);
        Assert.Equal(RdfcErrors.WorkLimitExceeded, result.Error.Code);
    }

    [Fact]
    public void Canonicalize_QuadsReorderedAndRelabelled_SameCanonicalForm()
    {
        var a = Canonicalize("""
            _:a <http://ex/knows> _:b .
            _:b <http://ex/knows> _:c .
            _:c <http://ex/knows> _:a .
            _:a <http://ex/name> "A" _:g .
            _:g <http://ex/type> <http://ex/Graph> .

            """);
        var b = Canonicalize("""
            _:z9 <http://ex/type> <http://ex/Graph> .
            _:n2 <http://ex/knows> _:n0 .
            _:n0 <http://ex/name> "A" _:z9 .
            _:n1 <http://ex/knows> _:n2 .
            _:n0 <http://ex/knows> _:n1 .

            """);

        Assert.True(a.IsValid, a.Error?.ToString());
        Assert.Equal(a.Value.NQuads, b.Value.NQuads);
        Assert.Equal(a.Value.IssuedIdentifiers["a"], b.Value.IssuedIdentifiers["n0"]);
        Assert.Equal(a.Value.IssuedIdentifiers["g"], b.Value.IssuedIdentifiers["z9"]);
    }

    internal static List<RdfQuad> Clique(int n)
    {
        var quads = new List<RdfQuad>();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    quads.Add(new(RdfTerm.BlankNode("n" + i), RdfTerm.Iri("http://ex/p"), RdfTerm.BlankNode("n" + j)));
                }
            }
        }

        return quads;
    }

    private static List<RdfQuad> List(int n)
    {
        const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        var quads = new List<RdfQuad> { new(RdfTerm.Iri("http://ex/s"), RdfTerm.Iri("http://ex/p"), RdfTerm.BlankNode("l0")) };
        for (var i = 0; i < n; i++)
        {
            quads.Add(new(RdfTerm.BlankNode("l" + i), RdfTerm.Iri(Rdf + "first"), RdfTerm.Literal("0")));
            quads.Add(new(RdfTerm.BlankNode("l" + i), RdfTerm.Iri(Rdf + "rest"), i == n - 1 ? RdfTerm.Iri(Rdf + "nil") : RdfTerm.BlankNode("l" + (i + 1))));
        }

        return quads;
    }

    private static List<RdfQuad> Ring(int n)
    {
        var quads = new List<RdfQuad>(n);
        for (var i = 0; i < n; i++)
        {
            quads.Add(new(RdfTerm.BlankNode("r" + i), RdfTerm.Iri("http://ex/next"), RdfTerm.BlankNode("r" + ((i + 1) % n))));
        }

        return quads;
    }
}
