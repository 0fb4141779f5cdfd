using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Credentials.Testing;
using Credentials.W3c.JsonLd;
using Xunit;
using static Credentials.Tests.W3c.JsonLd.JsonLdTestSupport;

namespace Credentials.Tests.W3c.JsonLd;

/// <summary>The pinned loader: only the shipped contexts, each checked against its SHA-256, never the network.</summary>
public sealed class PinnedJsonLdDocumentLoaderTests
{
    [Fact]
    public async Task LoadAsync_EveryPinnedUrl_ServesItsDocumentOnce()
    {
        var loader = PinnedJsonLdDocumentLoader.Default.WithCatchAllContexts();
        Assert.Equal(17, loader.Urls.Count);
        foreach (var url in loader.Urls)
        {
            var first = await loader.LoadAsync(url);
            var second = await loader.LoadAsync(url);

            Assert.True(first.IsValid, url + ": " + first.Error);
            Assert.Same(first.Value, second.Value);
            Assert.Equal(url, first.Value.DocumentUrl);
            Assert.True(first.Value.Document.TryGetProperty("@context", out _));
        }
    }

    [Fact]
    public async Task LoadAsync_ShippedBytes_AreTheVectorFilesWithTheirReadmeDigests()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "specs", "vectors", "jsonld-contexts");
        var readme = File.ReadAllText(Path.Combine(directory, "README.md"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "Credentials", "W3c", "JsonLd", "Contexts"), "*.json*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(directory, Path.GetFileName(file))), bytes);
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), readme, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://www.w3.org/ns/credentials/examples/v2")]
    [InlineData("https://www.w3.org/2018/credentials/examples/v1")]
    [InlineData("https://www.w3.org/ns/credentials/undefined-terms/v2")]
    public async Task LoadAsync_CatchAllContextByDefault_NotPinned(string url)
    {
        var result = await PinnedJsonLdDocumentLoader.Default.LoadAsync(new Uri(url));

        Assert.Equal(JsonLdErrors.ContextNotPinned, result.Error?.Code);
        Assert.True((await PinnedJsonLdDocumentLoader.Default.WithCatchAllContexts().LoadAsync(new Uri(url))).IsValid);
    }

    [Theory]
    [InlineData("https://www.w3.org/ns/did/v1")]
    [InlineData("https://www.w3.org/ns/credentials/v2/")]
    [InlineData("HTTPS://www.w3.org/ns/credentials/v2")]
    [InlineData("http://www.w3.org/ns/credentials/v2")]
    public async Task LoadAsync_OtherUrl_NotPinnedAndNeverFetched(string url)
    {
        var result = await PinnedJsonLdDocumentLoader.Default.LoadAsync(new Uri(url));

        Assert.Equal(JsonLdErrors.ContextNotPinned, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.ResolutionFailed, result.Error?.Kind);
    }

    [Fact]
    public async Task LoadAsync_TamperedResource_RefusedWithMismatch()
    {
        var loader = PinnedJsonLdDocumentLoader.ForTesting(file =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "src", "Credentials", "W3c", "JsonLd", "Contexts", file));
            if (file == "credentials-v2.jsonld")
            {
                // One changed term: an attacker's mapping of "name" would still be valid JSON-LD.
                bytes = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("https://schema.org/name", "https://evil.example/name", StringComparison.Ordinal));
            }

            return bytes;
        });

        var tampered = await loader.LoadAsync(new Uri("https://www.w3.org/ns/credentials/v2"));
        var intact = await loader.LoadAsync(new Uri("https://w3id.org/security/data-integrity/v2"));
        var processed = await ToRdf(Credential, loader: loader);

        Assert.Equal(JsonLdErrors.PinnedContextMismatch, tampered.Error?.Code);
        Assert.True(intact.IsValid);
        Assert.Equal(JsonLdErrors.LoadingRemoteContextFailed, processed.Error?.Code);
        Assert.Equal(JsonLdErrors.PinnedContextMismatch, processed.Error?.Inner?.Code);
    }

    [Fact]
    public async Task LoadAsync_MissingResource_RefusedWithMismatch()
    {
        var loader = PinnedJsonLdDocumentLoader.ForTesting(_ => null);

        var result = await loader.LoadAsync(new Uri("https://www.w3.org/ns/credentials/v2"));

        Assert.Equal(JsonLdErrors.PinnedContextMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task LoadAsync_WithFallback_PinnedFirstThenTheApplicationsLoader()
    {
        var own = new MemoryDocumentLoader(new Dictionary<string, string>
        {
            ["https://example.com/context"] = """{"@context": {"grade": "https://example.com/grade"}}""",
            ["https://www.w3.org/ns/credentials/v2"] = """{"@context": {"name": "https://evil.example/name"}}""",
        });
        var loader = PinnedJsonLdDocumentLoader.Default.WithFallback(own);

        var pinned = await loader.LoadAsync(new Uri("https://www.w3.org/ns/credentials/v2"));
        var application = await loader.LoadAsync(new Uri("https://example.com/context"));
        var result = await ToRdf(Credential.Replace("context-3.0.3.json\"]", "context-3.0.3.json\", \"https://example.com/context\"]").Replace("\"name\": \"Teamwork Badge\",", "\"name\": \"Teamwork Badge\", \"grade\": \"A\","), loader: loader);

        Assert.Same((await PinnedJsonLdDocumentLoader.Default.LoadAsync(new Uri("https://www.w3.org/ns/credentials/v2"))).Value, pinned.Value);
        Assert.True(application.IsValid);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Contains(result.Value, q => q.Predicate.Value == "https://example.com/grade");
        Assert.Equal(2, own.Loads);
    }
}
