using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.W3c.JsonLd;
using Credentials.W3c.Rdfc;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.JsonLd;

/// <summary>
/// Data Integrity vectors (<c>specs/vectors/jsonld-contexts/checks/</c>): expansion and deserialization to RDF with
/// the pinned contexts, in safe mode, then RDFC-1.0, give the published canonical N-Quads byte for byte.
/// </summary>
public sealed class PinnedContextVectorTests
{
    private static string Directory => Path.Combine(AppContext.BaseDirectory, "vectors", "jsonld-contexts", "checks");

    [Theory]
    [InlineData("alumni-unsigned.json", "alumni-canon.nq")]
    [InlineData("alumni-proof-config.json", "alumni-proof-canon.nq")]
    [InlineData("employ-unsigned.json", "employ-canon.nq")]
    [InlineData("ob-unsigned.json", "ob-canon.nq")]
    [InlineData("ob-proof-config.json", "ob-proof-canon.nq")]
    public async Task ToRdf_PinnedContextsSafeMode_CanonicalFormIsThePublishedOne(string input, string canonical)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, input)));
        var processor = new JsonLdProcessor(PinnedJsonLdDocumentLoader.Default.WithCatchAllContexts());

        var quads = await processor.ToRdfAsync(document.RootElement);

        Assert.True(quads.IsValid, quads.Error?.ToString());
        var result = RdfCanonicalizer.Canonicalize(quads.Value);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Directory, canonical)), result.Value.NQuads);
    }

    [Theory]
    [InlineData("employ-unsigned.json")]
    [InlineData("ob-unsigned.json")]
    [InlineData("ob-proof-config.json")]
    public async Task ToRdf_ProductionContextsOnly_NeedsNoCatchAllContext(string input)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, input)));

        var quads = await new JsonLdProcessor(PinnedJsonLdDocumentLoader.Default).ToRdfAsync(document.RootElement);

        Assert.True(quads.IsValid, quads.Error?.ToString());
    }

    [Fact]
    public async Task ToRdf_ExamplesContextWithoutCatchAll_NotPinned()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "alumni-unsigned.json")));

        var quads = await new JsonLdProcessor(PinnedJsonLdDocumentLoader.Default).ToRdfAsync(document.RootElement);

        Assert.Equal(JsonLdErrors.LoadingRemoteContextFailed, quads.Error?.Code);
        Assert.Equal(JsonLdErrors.ContextNotPinned, quads.Error?.Inner?.Code);
    }
}
