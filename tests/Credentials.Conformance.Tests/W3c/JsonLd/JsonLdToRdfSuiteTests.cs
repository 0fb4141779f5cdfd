using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Credentials.W3c.JsonLd;
using Credentials.W3c.Rdfc;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.JsonLd;

/// <summary>
/// The W3C JSON-LD 1.1 API toRdf suite (<c>specs/vectors/jsonld-api/toRdf-manifest.jsonld</c>, 467 tests), run from
/// its manifest with safe mode off (the behaviour the specification defines). Results are compared as RDF datasets:
/// both sides are canonicalized with RDFC-1.0 and the canonical N-Quads compared. Skipped tests and their reasons
/// are listed in <see cref="Skipped"/> and in <c>specs/json-ld.md</c>.
/// </summary>
public sealed class JsonLdToRdfSuiteTests
{
    /// <summary>The tests not run, with the reason. Every other test of the manifest runs and must pass.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Skipped = new Dictionary<string, string>
    {
    };

    public static TheoryData<string> Tests()
    {
        var data = new TheoryData<string>();
        foreach (var entry in JsonLdSuite.Entries)
        {
            if (!Skipped.ContainsKey(entry.Id) && entry.OptionString("specVersion") != "json-ld-1.0")
            {
                data.Add(entry.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public async Task ToRdf_SuiteTest_MatchesExpectation(string id)
    {
        var entry = JsonLdSuite.Get(id);
        var result = await Run(entry);
        switch (entry.Type)
        {
            case "jld:PositiveEvaluationTest":
                Assert.True(result.IsValid, result.Error?.ToString());
                var text = JsonLdSuite.ReadText(entry.Expect!);
                if (entry.OptionFlag("produceGeneralizedRdf"))
                {
                    // RDFC-1.0 canonicalizes RDF datasets, not generalized ones: compare by trying every blank node mapping.
                    Assert.True(Isomorphic(GeneralizedNQuads(text), result.Value), "The generalized datasets differ.");
                }
                else
                {
                    Assert.Equal(Canonical(NQuads.Read(text).GetValueOrThrow()), Canonical(result.Value));
                }
                break;
            case "jld:NegativeEvaluationTest":
                Assert.False(result.IsValid, "The test expects the error " + entry.ExpectErrorCode);
                Assert.Equal(JsonLdSuite.ErrorCodeFor(entry.ExpectErrorCode!), result.Error.Code.Value);
                break;
            case "jld:PositiveSyntaxTest":
                Assert.True(result.IsValid, result.Error?.ToString());
                break;
            default:
                throw new InvalidOperationException("Unknown test type " + entry.Type);
        }
    }

    [Fact]
    public void Manifest_HasEveryTestAndSkipsOnlyTheListedOnes()
    {
        Assert.Equal(467, JsonLdSuite.Entries.Count);
        var jsonLd10Only = JsonLdSuite.Entries.Count(e => e.OptionString("specVersion") == "json-ld-1.0");
        Assert.Equal(11, jsonLd10Only);
        Assert.All(Skipped.Keys, id => Assert.Contains(JsonLdSuite.Entries, e => e.Id == id));
        Assert.Equal(467 - jsonLd10Only - Skipped.Count, Tests().Count);
    }

    internal static ValueTask<VerificationResult<IReadOnlyList<RdfQuad>>> Run(JsonLdSuiteEntry entry)
    {
        var options = new JsonLdOptions
        {
            SafeMode = false,
            Base = entry.OptionString("base") is { } b ? new Uri(b) : null,
            RdfDirection = entry.OptionString("rdfDirection") switch
            {
                "i18n-datatype" => JsonLdRdfDirection.I18nDatatype,
                "compound-literal" => JsonLdRdfDirection.CompoundLiteral,
                _ => JsonLdRdfDirection.None,
            },
        };
        JsonElement? expandContext = null;
        string? expandContextBase = null;
        if (entry.OptionString("expandContext") is { } contextPath)
        {
            expandContext = JsonDocument.Parse(JsonLdSuite.ReadText(contextPath)).RootElement.Clone();
            expandContextBase = JsonLdSuite.BaseIri + contextPath;
        }

        var settings = new JsonLdRunSettings
        {
            JsonLd10 = entry.OptionString("processingMode") == "json-ld-1.0",
            ProduceGeneralizedRdf = entry.OptionFlag("produceGeneralizedRdf"),
            ExpandContext = expandContext,
            ExpandContextBase = expandContextBase,
        };
        var processor = new JsonLdProcessor(JsonLdSuiteLoader.Instance, options, settings);
        var document = JsonDocument.Parse(JsonLdSuite.ReadText(entry.Input)).RootElement.Clone();
        return processor.ToRdfAsync(document, new Uri(JsonLdSuite.BaseIri + entry.Input));
    }

    // The strict N-Quads reader refuses blank node predicates; the generalized RDF tests have them (and nothing else
    // out of the ordinary: IRIs, blank nodes and plain literals).
    private static List<RdfQuad> GeneralizedNQuads(string text)
    {
        var quads = new List<RdfQuad>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Regex.Match(line, "^(<[^>]*>|_:\\S+) (<[^>]*>|_:\\S+) (<[^>]*>|_:\\S+|\"[^\"]*\") \\.$");
            Assert.True(match.Success, line);
            quads.Add(new RdfQuad(Term(match.Groups[1].Value), Term(match.Groups[2].Value), Term(match.Groups[3].Value)));
        }

        return quads;

        static RdfTerm Term(string token) => token[0] switch
        {
            '<' => RdfTerm.Iri(token[1..^1]),
            '_' => RdfTerm.BlankNode(token[2..]),
            _ => RdfTerm.Literal(token[1..^1]),
        };
    }

    private static bool Isomorphic(List<RdfQuad> expected, IReadOnlyList<RdfQuad> actual)
    {
        static List<string> Blanks(IReadOnlyList<RdfQuad> quads) => quads
            .SelectMany(q => new[] { q.Subject, q.Predicate, q.Object, q.Graph })
            .Where(t => t.IsBlankNode).Select(t => t.Value).Distinct().ToList();

        var from = Blanks(actual);
        var to = Blanks(expected);
        if (from.Count != to.Count || expected.Count != actual.Count || from.Count > 8)
        {
            return false;
        }

        var target = expected.ToHashSet();
        foreach (var permutation in Permutations(to))
        {
            var map = from.Zip(permutation).ToDictionary(p => p.First, p => p.Second);
            RdfTerm Map(RdfTerm t) => t.IsBlankNode ? RdfTerm.BlankNode(map[t.Value]) : t;
            if (actual.All(q => target.Contains(new RdfQuad(Map(q.Subject), Map(q.Predicate), Map(q.Object), Map(q.Graph)))))
            {
                return true;
            }
        }

        return false;

        static IEnumerable<List<string>> Permutations(List<string> items)
        {
            if (items.Count <= 1)
            {
                yield return items;
                yield break;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var rest = items.Where((_, j) => j != i).ToList();
                foreach (var tail in Permutations(rest))
                {
                    yield return [items[i], .. tail];
                }
            }
        }
    }

    private static string Canonical(IReadOnlyList<RdfQuad> quads)
    {
        var canonical = RdfCanonicalizer.Canonicalize(quads);
        Assert.True(canonical.IsValid, canonical.Error?.ToString());
        return canonical.Value.NQuads;
    }
}
