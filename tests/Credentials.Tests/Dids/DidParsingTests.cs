using System;
using CsCheck;
using Credentials.Dids;
using Xunit;

namespace Credentials.Tests.Dids;

public class DidParsingTests
{
    [Theory]
    [InlineData("did:example:123456789abcdefghi", "example", "123456789abcdefghi")]
    [InlineData("did:web:example.com%3A8443:user:alice", "web", "example.com%3A8443:user:alice")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "key", "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("did:a1:b::c", "a1", "b::c")]
    [InlineData("did:ex:_-.%41", "ex", "_-.%41")]
    public void TryParse_ValidDid_ReturnsMethodAndId(string text, string method, string id)
    {
        Assert.True(Did.TryParse(text, out var did));
        Assert.Equal(method, did.Method);
        Assert.Equal(id, did.MethodSpecificId);
        Assert.Equal(text, did.ToString());
        Assert.Equal(did, Did.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("did:")]
    [InlineData("did::abc")]
    [InlineData("did:Example:abc")]          // DID Core 3.1: method names are lowercase
    [InlineData("did:ex-ample:abc")]
    [InlineData("did:example:")]
    [InlineData("did:example:abc:")]          // the method-specific id may not end with ':'
    [InlineData("DID:example:abc")]
    [InlineData("did:example:a b")]
    [InlineData("did:example:abc%4")]         // truncated percent-encoding
    [InlineData("did:example:abc%zz")]
    [InlineData("did:example:abc#frag")]      // a DID URL, not a DID
    [InlineData("did:example:abc/path")]
    [InlineData("did:example:ä")]
    public void TryParse_MalformedDid_ReturnsFalse(string text)
    {
        Assert.False(Did.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Did.Parse(text));
        Assert.Equal(DidErrors.InvalidDid, Did.Read(text).Error!.Code);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(Did.TryParse(null, out _));
        Assert.False(DidUrl.TryParse(null, out _));
    }

    [Fact]
    public void TryParse_OverlongDid_ReturnsFalse()
    {
        Assert.False(Did.TryParse("did:example:" + new string('a', 9000), out _));
    }

    [Fact]
    public void Parse_SpanOverload_MatchesStringOverload()
    {
        Assert.True(Did.TryParse("did:example:abc".AsSpan(), out var did));
        Assert.Equal(Did.Parse("did:example:abc"), did);
        Assert.Equal(DidUrl.Parse("did:example:abc#k"), DidUrl.Parse("did:example:abc#k".AsSpan()));
    }

    [Theory]
    [InlineData("did:example:123#key-1", "did:example:123", "", null, "key-1")]
    [InlineData("did:example:123/path/to?x=1&y=2#frag", "did:example:123", "/path/to", "x=1&y=2", "frag")]
    [InlineData("did:example:123?service=files&relativeRef=/a", "did:example:123", "", "service=files&relativeRef=/a", null)]
    [InlineData("did:example:123", "did:example:123", "", null, null)]
    [InlineData("did:example:123#", "did:example:123", "", null, "")]
    [InlineData("did:example:123#a/b?c:d@e", "did:example:123", "", null, "a/b?c:d@e")]
    public void TryParse_ValidDidUrl_SplitsComponents(string text, string did, string path, string? query, string? fragment)
    {
        Assert.True(DidUrl.TryParse(text, out var url));
        Assert.Equal(did, url.Did.Value);
        Assert.Equal(path, url.Path);
        Assert.Equal(query, url.Query);
        Assert.Equal(fragment, url.Fragment);
        Assert.Equal(text, url.Value);
    }

    [Theory]
    [InlineData("#key-1")]
    [InlineData("did:example:123#key 1")]
    [InlineData("did:example:123#a#b")]
    [InlineData("did:example:123/pa th")]
    [InlineData("did:example:123?q=%G1")]
    [InlineData("did:example:123#[x]")]
    public void TryParse_MalformedDidUrl_ReturnsFalse(string text)
    {
        Assert.False(DidUrl.TryParse(text, out _));
        Assert.Equal(DidErrors.InvalidDidUrl, DidUrl.Read(text).Error!.Code);
    }

    [Theory]
    [InlineData("#key-1", "did:example:123#key-1")]
    [InlineData("?service=x", "did:example:123?service=x")]
    [InlineData("/p", "did:example:123/p")]
    [InlineData("did:other:9#k", "did:other:9#k")]
    public void TryResolveReference_RelativeOrAbsolute_ReturnsAbsoluteUrl(string reference, string expected)
    {
        Assert.True(DidUrl.TryResolveReference(reference, Did.Parse("did:example:123"), out var url));
        Assert.Equal(expected, url.Value);
    }

    [Fact]
    public void TryParse_ArbitraryStrings_NeverThrows()
    {
        Gen.String[Gen.Char["did:%#?/abcXYZ019._-~ \u00e4"], 0, 40].Select(s => "did:" + s).Sample(text =>
        {
            if (DidUrl.TryParse(text, out var url))
            {
                Assert.Equal(text, url.Value);
            }

            if (Did.TryParse(text, out var did))
            {
                Assert.Equal(text, did.Value);
                Assert.True(DidUrl.TryParse(text, out _));
            }
        }, iter: 2000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Equality_SameText_EqualAndSameHash()
    {
        var a = DidUrl.Parse("did:example:1#k");
        var b = DidUrl.Parse("did:example:1#k");
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(Did.Parse("did:example:1") != Did.Parse("did:example:2"));
    }
}
