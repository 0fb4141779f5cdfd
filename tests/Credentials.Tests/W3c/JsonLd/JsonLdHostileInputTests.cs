using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.W3c.JsonLd;
using Xunit;
using static Credentials.Tests.W3c.JsonLd.JsonLdTestSupport;

namespace Credentials.Tests.W3c.JsonLd;

/// <summary>Hostile documents and contexts: every one ends with a stable error code, bounded in work, never an exception.</summary>
public sealed class JsonLdHostileInputTests
{
    private const string Vocab = """{"@vocab": "http://example.com/"}""";

    [Fact]
    public async Task ToRdf_DeepNesting_TooDeep()
    {
        var json = new StringBuilder("{\"@context\": " + Vocab + ", \"@id\": \"http://example.com/a\", \"p\": ");
        for (var i = 0; i < 200; i++)
        {
            json.Append("{\"p\": ");
        }

        json.Append('1').Append('}', 201);

        var result = await ToRdf(json.ToString(), maxDepth: 1000);

        Assert.Equal(JsonLdErrors.TooDeep, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_DeepArrays_TooDeep()
    {
        var json = "{\"@context\": {\"p\": {\"@id\": \"http://example.com/p\", \"@container\": \"@list\"}}, \"@id\": \"http://example.com/a\", \"p\": "
            + new string('[', 300) + "1" + new string(']', 300) + "}";

        var result = await ToRdf(json, maxDepth: 1000);

        Assert.Equal(JsonLdErrors.TooDeep, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_RemoteContextLoop_ContextOverflow()
    {
        var loader = new MemoryDocumentLoader(new Dictionary<string, string>
        {
            ["https://example.com/a"] = """{"@context": ["https://example.com/b", {"x": "http://example.com/x"}]}""",
            ["https://example.com/b"] = """{"@context": "https://example.com/a"}""",
        });

        var result = await ToRdf("""{"@context": "https://example.com/a", "@id": "http://example.com/s", "x": 1}""", loader: loader);

        Assert.Equal(JsonLdErrors.ContextOverflow, result.Error?.Code);
        Assert.Equal(2, loader.Loads);
    }

    [Fact]
    public async Task ToRdf_SelfReferencingScopedContext_TerminatesAndWorks()
    {
        var loader = new MemoryDocumentLoader(new Dictionary<string, string>
        {
            ["https://example.com/a"] = """{"@context": {"@vocab": "http://example.com/", "child": {"@id": "http://example.com/child", "@context": "https://example.com/a"}}}""",
        });

        var result = await ToRdf("""{"@context": "https://example.com/a", "@id": "http://example.com/s", "child": {"child": {"child": {"name": "x"}}}}""", loader: loader);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(4, result.Value.Count);
        Assert.Equal(1, loader.Loads);
    }

    [Fact]
    public async Task ToRdf_ManyDistinctContexts_TooManyContexts()
    {
        var documents = Enumerable.Range(0, 40).ToDictionary(i => $"https://example.com/c{i}", i => "{\"@context\": {\"t" + i + "\": \"http://example.com/t" + i + "\"}}");
        var references = string.Join(", ", documents.Keys.Select(k => $"\"{k}\""));

        var result = await ToRdf($$"""{"@context": [{{references}}], "@id": "http://example.com/s", "t1": 1}""", loader: new MemoryDocumentLoader(documents));

        Assert.Equal(JsonLdErrors.TooManyContexts, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_CyclicTermDefinitions_CyclicIriMapping()
    {
        var result = await ToRdf("""{"@context": {"a": "b:x", "b": "a:y"}, "@id": "http://example.com/s", "a": 1}""");

        Assert.Equal(JsonLdErrors.CyclicIriMapping, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_OneNodeTwoIndexes_ConflictingIndexes()
    {
        var result = await ToRdf("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/s", "p": [{"@id": "http://example.com/o", "@index": "a"}, {"@id": "http://example.com/o", "@index": "b"}]}""");

        Assert.Equal(JsonLdErrors.ConflictingIndexes, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_HugeList_TooLarge()
    {
        var items = string.Join(',', Enumerable.Repeat("1", 2000));
        var options = new JsonLdOptions { MaxExpandedItems = 1000 };

        var result = await ToRdf("{\"@context\": " + Vocab + ", \"@id\": \"http://example.com/s\", \"p\": {\"@list\": [" + items + "]}}", options);

        Assert.Equal(JsonLdErrors.TooLarge, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_ListOfTenThousand_ConvertsWithoutRecursion()
    {
        var items = string.Join(',', Enumerable.Repeat("1", 10_000));

        var result = await ToRdf("{\"@context\": " + Vocab + ", \"@id\": \"http://example.com/s\", \"p\": {\"@list\": [" + items + "]}}");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(20_001, result.Value.Count);
    }

    [Fact]
    public async Task ToRdf_DocumentOverTheSizeLimit_TooLarge()
    {
        var result = await ToRdf(Credential, new JsonLdOptions { MaxDocumentBytes = 100 });

        Assert.Equal(JsonLdErrors.TooLarge, result.Error?.Code);
    }

    [Theory]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task ToRdf_NotAnObjectOrArray_LoadingDocumentFailed(string json)
    {
        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.LoadingDocumentFailed, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_LoneSurrogate_LoadingDocumentFailed()
    {
        var result = await ToRdf("""{"@context": {"@vocab": "http://example.com/"}, "@id": "http://example.com/s", "p": "\ud800"}""");

        Assert.Equal(JsonLdErrors.LoadingDocumentFailed, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_ContextWithLoneSurrogate_LoadingRemoteContextFailed()
    {
        var loader = new MemoryDocumentLoader(new Dictionary<string, string> { ["https://example.com/a"] = """{"@context": {"p\ud800": "http://example.com/p"}}""" });

        var result = await ToRdf("""{"@context": "https://example.com/a", "@id": "http://example.com/s"}""", loader: loader);

        Assert.Equal(JsonLdErrors.LoadingRemoteContextFailed, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_ProtectedTermRedefinedInline_ProtectedTermRedefinition()
    {
        var json = Credential.Replace("context-3.0.3.json\"]", "context-3.0.3.json\", {\"name\": \"https://evil.example/name\"}]");

        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.ProtectedTermRedefinition, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_NullContextOverProtectedTerms_InvalidContextNullification()
    {
        var json = Credential.Replace("context-3.0.3.json\"]", "context-3.0.3.json\", null]");

        var result = await ToRdf(json);

        Assert.Equal(JsonLdErrors.InvalidContextNullification, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_InvalidJsonLiteral_InvalidJsonLiteral()
    {
        var result = await ToRdf("""{"@context": {"j": {"@id": "http://example.com/j", "@type": "@json"}}, "@id": "http://example.com/s", "j": {"a": 1e400}}""");

        Assert.Equal(JsonLdErrors.InvalidJsonLiteral, result.Error?.Code);
    }

    [Fact]
    public async Task ToRdf_ContextsLoadedAsynchronously_SameDatasetAsSynchronously()
    {
        var documents = new Dictionary<string, string>
        {
            ["https://example.com/a"] = """{"@context": [{"@vocab": "http://example.com/"}, "https://example.com/b"]}""",
            ["https://example.com/b"] = """{"@context": {"kind": {"@id": "http://example.com/kind", "@type": "@vocab"}, "Thing": {"@id": "http://example.com/Thing", "@context": "https://example.com/c"}}}""",
            ["https://example.com/c"] = """{"@context": {"size": {"@id": "http://example.com/size", "@type": "http://www.w3.org/2001/XMLSchema#integer"}}}""",
        };
        const string Json = """{"@context": "https://example.com/a", "@id": "http://example.com/s", "@type": "Thing", "kind": "Thing", "size": "3"}""";
        var asynchronous = new MemoryDocumentLoader(documents, asynchronous: true);

        var viaAwait = await ToRdf(Json, loader: asynchronous);
        var synchronous = await ToRdf(Json, loader: new MemoryDocumentLoader(documents));

        Assert.True(viaAwait.IsValid, viaAwait.Error?.ToString());
        Assert.Equal(Canonical(synchronous.Value), Canonical(viaAwait.Value));
        Assert.Equal(3, asynchronous.Loads);
    }

    [Fact]
    public async Task ToRdf_SameContextsInParallel_SameDatasetEveryTime()
    {
        var expected = Canonical((await ToRdf(Credential)).Value);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => ToRdf(Credential))));

        Assert.All(results, r => Assert.Equal(expected, Canonical(r.Value)));
    }

    [Fact]
    public void Processor_LimitNotPositive_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new JsonLdProcessor(PinnedJsonLdDocumentLoader.Default, new JsonLdOptions { MaxDepth = 0 }));
        Assert.Throws<InvalidOperationException>(() => new JsonLdProcessor(PinnedJsonLdDocumentLoader.Default, new JsonLdOptions { Base = new Uri("relative", UriKind.Relative) }));
    }
}
