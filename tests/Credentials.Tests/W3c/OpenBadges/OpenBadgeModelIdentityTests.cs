using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>Hashed recipient identifiers (appendix B.1, IdentityObject and IdentityHash; section 9.3).</summary>
public sealed class OpenBadgeModelIdentityTests
{
    [Fact]
    public void SpecExample_IsReproduced()
    {
        // The IdentityHash definition: 'a@example.com' salted with 'Kosher'.
        var identity = IdentityObject.CreateHashedEmail("a@example.com", "Kosher");
        Assert.Equal("sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399", identity.IdentityHash);
        Assert.Equal("emailAddress", identity.IdentityType);
        Assert.True(identity.Hashed);
        Assert.Equal("Kosher", identity.Salt);
    }

    [Fact]
    public void Hash_IsSha256OfEmailThenSalt_ComputedIndependently()
    {
        var identity = IdentityObject.CreateHashedEmail("健太@example.jp", "塩");
        var expected = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("健太@example.jp塩")));
        Assert.Equal(expected, identity.IdentityHash);
    }

    [Fact]
    public void WithoutSalt_AFreshSaltIsMade()
    {
        var a = IdentityObject.CreateHashedEmail("a@example.com");
        var b = IdentityObject.CreateHashedEmail("a@example.com");
        Assert.Equal(32, a.Salt!.Length);
        Assert.NotEqual(a.Salt, b.Salt);
        Assert.NotEqual(a.IdentityHash, b.IdentityHash);
        Assert.True(a.Matches("a@example.com"));
    }

    [Fact]
    public void Matches_OnlyTheSameIdentifier()
    {
        var identity = IdentityObject.CreateHashedEmail("a@example.com", "Kosher");
        Assert.True(identity.Matches("a@example.com"));
        Assert.True(identity.Matches(IdentityObject.EmailAddress, "a@example.com"));
        Assert.False(identity.Matches("b@example.com"));
        Assert.False(identity.Matches("A@example.com")); // no normalisation is defined: hashed as given
        Assert.False(identity.Matches("ext:studentId", "a@example.com"));
    }

    [Theory]
    [InlineData("sha256$B5809D8A92F8858436D7E6B87C12EBC0AE1EAC4BAECC2C0B913AEE2C922EF399", "Kosher", true)]
    [InlineData("SHA256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399", "Kosher", true)]
    [InlineData("sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399", "kosher", false)]
    [InlineData("sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef39", "Kosher", false)]
    [InlineData("sha256$zz809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399", "Kosher", false)]
    [InlineData("sha1$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4b", "Kosher", false)]
    [InlineData("b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399", "Kosher", false)]
    public void HashedValues_FromOtherIssuers(string identityHash, string salt, bool expected)
    {
        var identity = Parse($$"""{"type":"IdentityObject","identityHash":"{{identityHash}}","identityType":"emailAddress","hashed":true,"salt":"{{salt}}"}""");
        Assert.Equal(expected, identity.Matches("a@example.com"));
    }

    [Fact]
    public void Md5_IsReadAsTheSpecAllows()
    {
#pragma warning disable CA5351 // The specification allows MD5 identity hashes; the test computes one to read it.
        var hex = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("a@example.comKosher")));
#pragma warning restore CA5351
        var identity = Parse($$"""{"type":"IdentityObject","identityHash":"md5${{hex}}","identityType":"emailAddress","hashed":true,"salt":"Kosher"}""");
        Assert.True(identity.Matches("a@example.com"));
        Assert.False(identity.Matches("b@example.com"));
    }

    [Fact]
    public void WithoutSalt_TheHashIsUnsalted()
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("a@example.com")));
        var identity = Parse($$"""{"type":"IdentityObject","identityHash":"sha256${{hex}}","identityType":"emailAddress","hashed":true}""");
        Assert.True(identity.Matches("a@example.com"));
    }

    [Fact]
    public void Plain_ComparesAsIs()
    {
        var identity = IdentityObject.CreatePlain("ext:studentId", "S-001");
        Assert.False(identity.Hashed);
        Assert.True(identity.Matches("ext:studentId", "S-001"));
        Assert.False(identity.Matches("ext:studentId", "S-002"));
        Assert.False(identity.Matches("emailAddress", "S-001"));
    }

    [Fact]
    public void ProgrammerErrors_Throw()
    {
        Assert.Throws<ArgumentException>(() => IdentityObject.CreateHashedEmail(""));
        Assert.Throws<ArgumentException>(() => IdentityObject.CreateHashedEmail("a@example.com", ""));
        Assert.Throws<ArgumentNullException>(() => IdentityObject.CreatePlain("emailAddress", "a").Matches(null!));
    }

    [Fact]
    public void CreatedIdentity_ConformsToTheSchemaShape()
    {
        var json = IdentityObject.CreateHashedEmail("a@example.com", "Kosher").Json;
        Assert.Equal("IdentityObject", json.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.True, json.GetProperty("hashed").ValueKind);
    }

    private static IdentityObject Parse(string json)
    {
        var document = OpenBadgeModelTestData.Minimal();
        document["credentialSubject"]!["identifier"] = new System.Text.Json.Nodes.JsonArray(System.Text.Json.Nodes.JsonNode.Parse(json));
        return OpenBadgeCredential.Read(document.ToJsonString()).GetValueOrThrow().Subject.Identifiers[0];
    }
}
