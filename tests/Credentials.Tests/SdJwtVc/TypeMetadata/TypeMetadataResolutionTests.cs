using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Xunit;

namespace Credentials.Tests.SdJwtVc.TypeMetadata;

public sealed class TypeMetadataResolutionTests
{
    private static ReadOnlyMemory<byte> Bytes(string json) => Encoding.UTF8.GetBytes(json);

    private static LocalTypeMetadataRegistry Registry(params (string Vct, string Json)[] documents)
        => new(documents.Select(d => KeyValuePair.Create(d.Vct, Bytes(d.Json))));

    private static string Doc(string vct, string? extends = null, string? extendsIntegrity = null, string? claims = null, string? display = null)
    {
        var sb = new StringBuilder("{\"vct\":\"" + vct + "\"");
        if (extends is not null)
        {
            sb.Append(",\"extends\":\"").Append(extends).Append('"');
        }

        if (extendsIntegrity is not null)
        {
            sb.Append(",\"extends#integrity\":\"").Append(extendsIntegrity).Append('"');
        }

        if (display is not null)
        {
            sb.Append(",\"display\":").Append(display);
        }

        if (claims is not null)
        {
            sb.Append(",\"claims\":").Append(claims);
        }

        return sb.Append('}').ToString();
    }

    [Fact]
    public async Task ResolveAsync_DomainExampleWithIntegrity_Resolves()
    {
        var bytes = Encoding.UTF8.GetBytes(DomainTypeMetadata.IpaExamPass);
        var registry = LocalTypeMetadataRegistry.FromDocuments([bytes]);
        var integrity = SubresourceIntegrity.Compute(bytes);

        var result = await registry.ResolveAsync("https://credentials.example.jp/vct/ipa/exam-pass/v1", integrity);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(integrity, result.Value.Integrity);
        Assert.Single(result.Value.Chain);
        Assert.Equal("情報処理技術者試験 合格証明書", result.Value.GetName("ja-JP"));
        Assert.Equal("Information-Technology Engineers Examination – Certificate of Passing", result.Value.GetName("en-US"));
    }

    [Theory]
    [InlineData(IntegrityAlgorithm.Sha256)]
    [InlineData(IntegrityAlgorithm.Sha384)]
    [InlineData(IntegrityAlgorithm.Sha512)]
    public async Task ResolveAsync_IntegrityEachAlgorithm_Resolves(IntegrityAlgorithm algorithm)
    {
        var json = Doc("urn:x");
        var registry = Registry(("urn:x", json));

        var result = await registry.ResolveAsync("urn:x", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(json), algorithm));

        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task ResolveAsync_WrongIntegrity_IsIntegrityMismatch()
    {
        var registry = Registry(("urn:x", Doc("urn:x")));

        var result = await registry.ResolveAsync("urn:x", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(Doc("urn:x") + " ")));

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
        Assert.NotEqual(VerificationFailureKind.InvalidSignature, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_IntegrityOverExactBytes_WhitespaceMatters()
    {
        var compact = Doc("urn:x");
        var spaced = compact.Replace(",", ", ").Replace("{", "{ ");
        var registry = Registry(("urn:x", spaced));

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, (await registry.ResolveAsync("urn:x", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(compact)))).Error!.Code);
        Assert.True((await registry.ResolveAsync("urn:x", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(spaced)))).IsValid);
    }

    [Fact]
    public async Task ResolveAsync_UnsupportedIntegrity_IsIntegrityInvalid()
    {
        var registry = Registry(("urn:x", Doc("urn:x")));

        var result = await registry.ResolveAsync("urn:x", "md5-1B2M2Y8AsgTpgAmY7PhCfg==");

        Assert.Equal(TypeMetadataErrors.IntegrityInvalid, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_Unknown_IsNotFoundResolutionFailed()
    {
        var registry = Registry(("urn:x", Doc("urn:x")));

        var result = await registry.ResolveAsync("urn:y", null);

        Assert.Equal(TypeMetadataErrors.NotFound, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.ResolutionFailed, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_DocumentForOtherVct_IsVctMismatch()
    {
        var registry = Registry(("urn:x", Doc("urn:other")));

        var result = await registry.ResolveAsync("urn:x", null);

        Assert.Equal(TypeMetadataErrors.VctMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_ExtendedDocumentForOtherVct_IsVctMismatch()
    {
        var registry = Registry(("urn:child", Doc("urn:child", extends: "urn:base")), ("urn:base", Doc("urn:impostor")));

        var result = await registry.ResolveAsync("urn:child", null);

        Assert.Equal(TypeMetadataErrors.VctMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_VctComparison_IsCaseSensitive()
    {
        var registry = Registry(("urn:X", Doc("urn:x")));

        Assert.Equal(TypeMetadataErrors.VctMismatch, (await registry.ResolveAsync("urn:X", null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_InvalidDocument_IsInvalid()
    {
        var registry = Registry(("urn:x", """{"vct":"urn:x","claims":[{"path":[]}]}"""));

        var result = await registry.ResolveAsync("urn:x", null);

        Assert.Equal(TypeMetadataErrors.Invalid, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_Oversized_IsTooLarge()
    {
        var big = "{\"vct\":\"urn:x\",\"description\":\"" + new string('x', 257 * 1024) + "\"}";
        var registry = Registry(("urn:x", big));

        Assert.Equal(TypeMetadataErrors.TooLarge, (await registry.ResolveAsync("urn:x", null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_ExtendsWithIntegrity_ResolvesChainChildFirst()
    {
        var baseJson = Doc("urn:base", claims: """[{"path":["name"],"display":[{"locale":"en-US","label":"Name"}],"mandatory":true}]""");
        var middleJson = Doc("urn:middle", extends: "urn:base", extendsIntegrity: SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(baseJson), IntegrityAlgorithm.Sha384));
        var childJson = Doc("urn:child", extends: "urn:middle", extendsIntegrity: SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(middleJson)));
        var registry = Registry(("urn:base", baseJson), ("urn:middle", middleJson), ("urn:child", childJson));

        var result = await registry.ResolveAsync("urn:child", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(childJson)));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(["urn:child", "urn:middle", "urn:base"], result.Value.Chain.Select(c => c.Vct));
        Assert.Equal("urn:child", result.Value.Vct);
        Assert.True(result.Value.FindClaim(ClaimPath.Of("name"))!.Mandatory);
    }

    [Fact]
    public async Task ResolveAsync_ExtendsIntegrityWrong_IsIntegrityMismatch()
    {
        var baseJson = Doc("urn:base");
        var childJson = Doc("urn:child", extends: "urn:base", extendsIntegrity: SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(baseJson + "\n")));
        var registry = Registry(("urn:base", baseJson), ("urn:child", childJson));

        var result = await registry.ResolveAsync("urn:child", null);

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_ExtendedTypeMissing_IsNotFound()
    {
        var registry = Registry(("urn:child", Doc("urn:child", extends: "urn:base")));

        Assert.Equal(TypeMetadataErrors.NotFound, (await registry.ResolveAsync("urn:child", null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_SelfExtension_IsCycle()
    {
        var registry = Registry(("urn:a", Doc("urn:a", extends: "urn:a")));

        Assert.Equal(TypeMetadataErrors.ExtendsCycle, (await registry.ResolveAsync("urn:a", null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_IndirectCycle_IsCycle()
    {
        var registry = Registry(("urn:a", Doc("urn:a", extends: "urn:b")), ("urn:b", Doc("urn:b", extends: "urn:c")), ("urn:c", Doc("urn:c", extends: "urn:a")));

        var result = await registry.ResolveAsync("urn:a", null);

        Assert.Equal(TypeMetadataErrors.ExtendsCycle, result.Error!.Code);
    }

    private static LocalTypeMetadataRegistry Linear(int length, TypeMetadataResolverOptions? options = null)
    {
        var docs = new Dictionary<string, ReadOnlyMemory<byte>>();
        for (var i = 0; i < length; i++)
        {
            docs["urn:t" + i] = Bytes(Doc("urn:t" + i, extends: i + 1 < length ? "urn:t" + (i + 1) : null));
        }

        return new LocalTypeMetadataRegistry(docs, options);
    }

    [Fact]
    public async Task ResolveAsync_FiveExtendsSteps_IsAllowedByDefault()
    {
        var result = await Linear(6).ResolveAsync("urn:t0", null);

        Assert.True(result.IsValid);
        Assert.Equal(6, result.Value.Chain.Length);
    }

    [Fact]
    public async Task ResolveAsync_SixExtendsSteps_IsTooDeep()
    {
        Assert.Equal(TypeMetadataErrors.TooDeep, (await Linear(7).ResolveAsync("urn:t0", null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_DepthLimitZero_RefusesAnyExtends()
    {
        var options = new TypeMetadataResolverOptions { MaxExtendsDepth = 0 };

        Assert.True((await Linear(1, options).ResolveAsync("urn:t0", null)).IsValid);
        Assert.Equal(TypeMetadataErrors.TooDeep, (await Linear(2, options).ResolveAsync("urn:t0", null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_ChildDisplay_ReplacesParentDisplay()
    {
        var registry = Registry(
            ("urn:base", Doc("urn:base", display: """[{"locale":"en-US","name":"Base"},{"locale":"ja-JP","name":"基本"}]""")),
            ("urn:child", Doc("urn:child", extends: "urn:base", display: """[{"locale":"en-US","name":"Child"}]""")));

        var resolved = (await registry.ResolveAsync("urn:child", null)).Value;

        Assert.Single(resolved.Display);
        Assert.Equal("Child", resolved.GetName("ja-JP")); // falls back to English, never to the parent's Japanese
    }

    [Fact]
    public async Task ResolveAsync_ChildWithoutDisplay_InheritsParentDisplay()
    {
        var registry = Registry(
            ("urn:base", Doc("urn:base", display: """[{"locale":"ja-JP","name":"基本"}]""")),
            ("urn:child", Doc("urn:child", extends: "urn:base")));

        Assert.Equal("基本", (await registry.ResolveAsync("urn:child", null)).Value.GetName("ja-JP"));
    }

    [Fact]
    public async Task ResolveAsync_ChildEmptyDisplay_RemovesParentDisplay()
    {
        var registry = Registry(
            ("urn:base", Doc("urn:base", display: """[{"locale":"ja-JP","name":"基本"}]""")),
            ("urn:child", Doc("urn:child", extends: "urn:base", display: "[]")));

        var resolved = (await registry.ResolveAsync("urn:child", null)).Value;

        Assert.Empty(resolved.Display);
        Assert.Null(resolved.GetName("ja-JP"));
    }

    [Fact]
    public async Task ResolveAsync_ChildClaimProperties_CombineWithParent()
    {
        var registry = Registry(
            ("urn:base", Doc("urn:base", claims: """[{"path":["a"],"display":[{"locale":"en","label":"A"},{"locale":"ja","label":"エー"}],"sd":"allowed","svg_id":"a"},{"path":["b"],"mandatory":true,"sd":"always"}]""")),
            ("urn:child", Doc("urn:child", extends: "urn:base", claims: """[{"path":["a"],"sd":"never","mandatory":true},{"path":["b"],"display":[{"locale":"en","label":"B"}]},{"path":["c"]}]""")));

        var resolved = (await registry.ResolveAsync("urn:child", null)).Value;

        Assert.Equal([ClaimPath.Of("a"), ClaimPath.Of("b"), ClaimPath.Of("c")], resolved.Claims.Select(c => c.Path));
        var a = resolved.FindClaim(ClaimPath.Of("a"))!;
        Assert.Equal(ClaimSelectiveDisclosure.Never, a.Sd);
        Assert.True(a.Mandatory);
        Assert.Equal("a", a.SvgId);
        Assert.Equal("エー", resolved.GetClaimLabel(ClaimPath.Of("a"), "ja-JP")); // display inherited
        var b = resolved.FindClaim(ClaimPath.Of("b"))!;
        Assert.Equal(ClaimSelectiveDisclosure.Always, b.Sd);
        Assert.True(b.Mandatory);
        Assert.Single(b.Display); // replaced, never merged
        Assert.Null(resolved.GetClaimLabel(ClaimPath.Of("c"), "en"));
    }

    [Theory]
    [InlineData("always", "never")]
    [InlineData("always", "allowed")]
    [InlineData("never", "always")]
    [InlineData("never", "allowed")]
    public async Task ResolveAsync_ChildChangesFixedSd_IsInvalidExtension(string parentSd, string childSd)
    {
        var registry = Registry(
            ("urn:base", Doc("urn:base", claims: $$"""[{"path":["a"],"sd":"{{parentSd}}"}]""")),
            ("urn:child", Doc("urn:child", extends: "urn:base", claims: $$"""[{"path":["a"],"sd":"{{childSd}}"}]""")));

        Assert.Equal(TypeMetadataErrors.InvalidExtension, (await registry.ResolveAsync("urn:child", null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_ChildRepeatsSameSd_IsAllowed()
    {
        var registry = Registry(
            ("urn:base", Doc("urn:base", claims: """[{"path":["a"],"sd":"always","mandatory":true}]""")),
            ("urn:child", Doc("urn:child", extends: "urn:base", claims: """[{"path":["a"],"sd":"always","mandatory":true}]""")));

        Assert.True((await registry.ResolveAsync("urn:child", null)).IsValid);
    }

    [Fact]
    public async Task ResolveAsync_ChildMakesMandatoryOptional_IsInvalidExtension()
    {
        var registry = Registry(
            ("urn:base", Doc("urn:base", claims: """[{"path":["a"],"mandatory":true}]""")),
            ("urn:child", Doc("urn:child", extends: "urn:base", claims: """[{"path":["a"],"mandatory":false}]""")));

        Assert.Equal(TypeMetadataErrors.InvalidExtension, (await registry.ResolveAsync("urn:child", null)).Error!.Code);
    }

    [Fact]
    public void FromDirectory_ReadsJsonFiles()
    {
        var dir = Directory.CreateTempSubdirectory("tm-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "ipa.json"), DomainTypeMetadata.IpaExamPass);
            File.WriteAllText(Path.Combine(dir.FullName, "age.json"), DomainTypeMetadata.Age);
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "ignored");

            var registry = LocalTypeMetadataRegistry.FromDirectory(dir.FullName);

            Assert.Equal(2, registry.Types.Count());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromDocuments_InvalidOrDuplicate_Throws()
    {
        Assert.Throws<ArgumentException>(() => LocalTypeMetadataRegistry.FromDocuments([Bytes("{}")]));
        Assert.Throws<ArgumentException>(() => LocalTypeMetadataRegistry.FromDocuments([Bytes(Doc("urn:x")), Bytes(Doc("urn:x"))]));
    }

    [Fact]
    public void Constructor_NegativeDepth_Throws()
    {
        Assert.Throws<ArgumentException>(() => Linear(1, new TypeMetadataResolverOptions { MaxExtendsDepth = -1 }));
    }

    [Fact]
    public async Task Composite_LocalFirst_ThenNextSource()
    {
        var local = Registry(("urn:child", Doc("urn:child", extends: "urn:base")));
        var remote = Registry(("urn:base", Doc("urn:base", display: """[{"locale":"ja-JP","name":"基本"}]""")), ("urn:child", Doc("urn:child")));
        var composite = new CompositeTypeMetadataResolver([local, remote]);

        var result = await composite.ResolveAsync("urn:child", null);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Value.Chain.Length); // the local child (which extends) was used, not the remote one
        Assert.Equal("基本", result.Value.GetName("ja"));
    }

    [Fact]
    public async Task Composite_StaleLocalCopy_FallsThroughToSourceWithMatchingBytes()
    {
        var current = Doc("urn:x", display: """[{"locale":"en-US","name":"v2"}]""");
        var local = Registry(("urn:x", Doc("urn:x", display: """[{"locale":"en-US","name":"v1"}]""")));
        var remote = Registry(("urn:x", current));
        var composite = new CompositeTypeMetadataResolver([local, remote]);

        var result = await composite.ResolveAsync("urn:x", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes(current)));

        Assert.Equal("v2", result.Value.GetName("en-US"));
    }

    [Fact]
    public async Task Composite_NoSourceMatchesIntegrity_IsIntegrityMismatch()
    {
        var composite = new CompositeTypeMetadataResolver([Registry(("urn:x", Doc("urn:x"))), Registry()]);

        var result = await composite.ResolveAsync("urn:x", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes("other")));

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Composite_NoSourceHasIt_IsNotFound()
    {
        var composite = new CompositeTypeMetadataResolver([Registry(), Registry()]);

        Assert.Equal(TypeMetadataErrors.NotFound, (await composite.ResolveAsync("urn:x", null)).Error!.Code);
    }

    [Fact]
    public void Composite_NoSources_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CompositeTypeMetadataResolver(Array.Empty<ITypeMetadataDocumentSource>()));
    }
}
