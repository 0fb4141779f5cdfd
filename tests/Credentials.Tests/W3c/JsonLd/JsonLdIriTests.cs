using Credentials.W3c.JsonLd;
using Xunit;

namespace Credentials.Tests.W3c.JsonLd;

/// <summary>IRI resolution (RFC 3986 section 5.2, which JSON-LD 1.1 API section 5.2.2 step 7 uses) and IRI forms.</summary>
public sealed class JsonLdIriTests
{
    private const string Base = "http://a/b/c/d;p?q";

    // RFC 3986 section 5.4.1 (normal examples) and 5.4.2 (abnormal examples).
    [Theory]
    [InlineData("g:h", "g:h")]
    [InlineData("g", "http://a/b/c/g")]
    [InlineData("./g", "http://a/b/c/g")]
    [InlineData("g/", "http://a/b/c/g/")]
    [InlineData("/g", "http://a/g")]
    [InlineData("//g", "http://g")]
    [InlineData("?y", "http://a/b/c/d;p?y")]
    [InlineData("g?y", "http://a/b/c/g?y")]
    [InlineData("#s", "http://a/b/c/d;p?q#s")]
    [InlineData("g#s", "http://a/b/c/g#s")]
    [InlineData("g?y#s", "http://a/b/c/g?y#s")]
    [InlineData(";x", "http://a/b/c/;x")]
    [InlineData("g;x", "http://a/b/c/g;x")]
    [InlineData("g;x?y#s", "http://a/b/c/g;x?y#s")]
    [InlineData("", "http://a/b/c/d;p?q")]
    [InlineData(".", "http://a/b/c/")]
    [InlineData("./", "http://a/b/c/")]
    [InlineData("..", "http://a/b/")]
    [InlineData("../", "http://a/b/")]
    [InlineData("../g", "http://a/b/g")]
    [InlineData("../..", "http://a/")]
    [InlineData("../../", "http://a/")]
    [InlineData("../../g", "http://a/g")]
    [InlineData("../../../g", "http://a/g")]
    [InlineData("../../../../g", "http://a/g")]
    [InlineData("/./g", "http://a/g")]
    [InlineData("/../g", "http://a/g")]
    [InlineData("g.", "http://a/b/c/g.")]
    [InlineData(".g", "http://a/b/c/.g")]
    [InlineData("g..", "http://a/b/c/g..")]
    [InlineData("..g", "http://a/b/c/..g")]
    [InlineData("./../g", "http://a/b/g")]
    [InlineData("./g/.", "http://a/b/c/g/")]
    [InlineData("g/./h", "http://a/b/c/g/h")]
    [InlineData("g/../h", "http://a/b/c/h")]
    [InlineData("g;x=1/./y", "http://a/b/c/g;x=1/y")]
    [InlineData("g;x=1/../y", "http://a/b/c/y")]
    [InlineData("g?y/./x", "http://a/b/c/g?y/./x")]
    [InlineData("g#s/../x", "http://a/b/c/g#s/../x")]
    public void Resolve_Rfc3986Example_TargetUri(string reference, string expected)
    {
        Assert.Equal(expected, JsonLdIri.Resolve(Base, reference));
    }

    [Fact]
    public void Resolve_NoBase_ReferenceUnchanged()
    {
        Assert.Equal("../g", JsonLdIri.Resolve(null, "../g"));
    }

    [Theory]
    [InlineData("http://example.com/a", true)]
    [InlineData("did:example:123#key-1", true)]
    [InlineData("urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544", true)]
    [InlineData("http://example.com/a b", false)]
    [InlineData("http://example.com/a#b#c", false)]
    [InlineData("http://example.com/<a>", false)]
    [InlineData("relative/path", false)]
    [InlineData("_:b0", false)]
    public void IsWellFormedIri_Value_AsRdfRequires(string iri, bool expected)
    {
        Assert.Equal(expected, JsonLdIri.IsWellFormedIri(iri));
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-US", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("x-private1", true)]
    [InlineData("a b", false)]
    [InlineData("en-", false)]
    [InlineData("123", false)]
    [InlineData("toolongprimary", false)]
    public void IsWellFormedLanguage_Tag_Bcp47Form(string tag, bool expected)
    {
        Assert.Equal(expected, JsonLdIri.IsWellFormedLanguage(tag));
    }
}
