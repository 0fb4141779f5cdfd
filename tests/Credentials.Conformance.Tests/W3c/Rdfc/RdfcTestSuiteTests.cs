using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using Credentials.W3c.Rdfc;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.Rdfc;

/// <summary>
/// The W3C RDF Dataset Canonicalization test suite (w3c/rdf-canon, <c>tests/manifest.jsonld</c>): every entry, with the
/// default options (hash algorithm as the entry says).
/// </summary>
public sealed class RdfcTestSuiteTests
{
    public static TheoryData<string> EvalTests() => Ids(RdfcManifest.EvalTest);

    public static TheoryData<string> MapTests() => Ids(RdfcManifest.MapTest);

    public static TheoryData<string> NegativeTests() => Ids(RdfcManifest.NegativeEvalTest);

    [Fact]
    public void Manifest_EveryEntryIsOfAKindThisSuiteRuns()
    {
        var entries = RdfcManifest.Entries;

        Assert.Equal(86, entries.Count);
        Assert.All(entries, e => Assert.Contains(e.Type, new[] { RdfcManifest.EvalTest, RdfcManifest.MapTest, RdfcManifest.NegativeEvalTest }));
        Assert.Equal(64, EvalTests().Count);
        Assert.Equal(21, MapTests().Count);
        Assert.Single(NegativeTests());
    }

    [Theory]
    [MemberData(nameof(EvalTests))]
    public void Canonicalize_EvalTest_SerializedFormEqualsTheResultByteForByte(string id)
    {
        var entry = RdfcManifest.Get(id);
        var input = NQuads.Read(RdfcManifest.ReadText(entry.Action));
        Assert.True(input.IsValid, input.Error?.ToString());

        var result = RdfCanonicalizer.Canonicalize(input.Value, new RdfCanonicalizationOptions { HashAlgorithm = entry.HashAlgorithm });

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(RdfcManifest.ReadBytes(entry.Result!), result.Value.NQuadsUtf8.ToArray());
        Assert.Equal(RdfcManifest.ReadText(entry.Result!), result.Value.NQuads);
    }

    [Theory]
    [MemberData(nameof(EvalTests))]
    public void Canonicalize_EvalTest_CanonicalQuadsSerializeToTheResult(string id)
    {
        var entry = RdfcManifest.Get(id);
        var input = NQuads.Read(RdfcManifest.ReadText(entry.Action)).Value;

        var result = RdfCanonicalizer.Canonicalize(input, new RdfCanonicalizationOptions { HashAlgorithm = entry.HashAlgorithm });

        Assert.Equal(RdfcManifest.ReadText(entry.Result!), NQuads.Serialize(result.Value.Quads));
    }

    [Theory]
    [MemberData(nameof(EvalTests))]
    public void Canonicalize_EvalTestResult_IsAFixedPoint(string id)
    {
        var entry = RdfcManifest.Get(id);
        var expected = RdfcManifest.ReadText(entry.Result!);

        var result = RdfCanonicalizer.Canonicalize(NQuads.Read(expected).Value, new RdfCanonicalizationOptions { HashAlgorithm = entry.HashAlgorithm });

        Assert.Equal(expected, result.Value.NQuads);
    }

    [Theory]
    [MemberData(nameof(MapTests))]
    public void Canonicalize_MapTest_IssuedIdentifiersEqualTheResult(string id)
    {
        var entry = RdfcManifest.Get(id);
        var input = NQuads.Read(RdfcManifest.ReadText(entry.Action));
        Assert.True(input.IsValid, input.Error?.ToString());
        using var expectedJson = JsonDocument.Parse(RdfcManifest.ReadText(entry.Result!));
        var expected = expectedJson.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        var result = RdfCanonicalizer.Canonicalize(input.Value, new RdfCanonicalizationOptions { HashAlgorithm = entry.HashAlgorithm });

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(expected.OrderBy(kv => kv.Key, System.StringComparer.Ordinal), result.Value.IssuedIdentifiers.OrderBy(kv => kv.Key, System.StringComparer.Ordinal));
        var inputLabels = input.Value.SelectMany(q => new[] { q.Subject, q.Object, q.Graph }).Where(t => t.IsBlankNode).Select(t => t.Value).ToHashSet();
        Assert.Equal(inputLabels.Order(System.StringComparer.Ordinal), result.Value.IssuedIdentifiers.Keys.Order(System.StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NegativeTests))]
    public void Canonicalize_NegativeTest_FailsFastWithWorkLimitExceeded(string id)
    {
        var entry = RdfcManifest.Get(id);
        var input = NQuads.Read(RdfcManifest.ReadText(entry.Action));
        Assert.True(input.IsValid, input.Error?.ToString());

        var clock = Stopwatch.StartNew();
        var result = RdfCanonicalizer.Canonicalize(input.Value, new RdfCanonicalizationOptions { HashAlgorithm = entry.HashAlgorithm });
        clock.Stop();

        Assert.False(result.IsValid);
        Assert.Equal(RdfcErrors.WorkLimitExceeded, result.Error.Code);
        // The code proves the work limit stopped it; the generous bound only catches a blow-up past the limit.
        Assert.True(clock.ElapsedMilliseconds < 15_000, $"took {clock.ElapsedMilliseconds} ms");
    }

    private static TheoryData<string> Ids(string type)
    {
        var data = new TheoryData<string>();
        foreach (var entry in RdfcManifest.Entries.Where(e => e.Type == type))
        {
            data.Add(entry.Id);
        }

        return data;
    }
}
