using System;
using Credentials.W3c.DataIntegrity;
using Xunit;
using static Credentials.Tests.W3c.DataIntegrity.DiTestSupport;

namespace Credentials.Tests.W3c.DataIntegrity;

public class DataIntegrityModelTests
{
    [Fact]
    public void Read_FullProof_AllMembers()
    {
        var proof = DataIntegrityProof.Read(Element("""
            {"id":"urn:uuid:1","type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","created":"2023-02-24T23:36:38+09:00",
             "expires":"2024-02-24T23:36:38.5Z","verificationMethod":"did:key:z6Mk#z6Mk","proofPurpose":"authentication",
             "challenge":"c","domain":["a","b"],"nonce":"n","previousProof":"urn:uuid:0","proofValue":"z1"}
            """));

        Assert.True(proof.IsValid, proof.Error?.ToString());
        Assert.Equal("urn:uuid:1", proof.Value.Id);
        Assert.Equal(new DateTimeOffset(2023, 2, 24, 14, 36, 38, TimeSpan.Zero), proof.Value.Created);
        Assert.Equal(new DateTimeOffset(2024, 2, 24, 23, 36, 38, 500, TimeSpan.Zero), proof.Value.Expires);
        Assert.Equal(["a", "b"], proof.Value.Domain);
        Assert.Equal(["urn:uuid:0"], proof.Value.PreviousProof);
        Assert.Equal("c", proof.Value.Challenge);
        Assert.Equal("n", proof.Value.Nonce);
    }

    [Theory]
    [InlineData("2023-02-24T23:36:38Z", "2023-02-24T23:36:38+00:00")]
    [InlineData("2023-02-24T23:36:38", "2023-02-24T23:36:38+00:00")]
    [InlineData("2023-02-24T23:36:38-05:30", "2023-02-25T05:06:38+00:00")]
    [InlineData("2023-02-24T24:00:00Z", "2023-02-25T00:00:00+00:00")]
    [InlineData("2024-02-29T00:00:00.123456789Z", "2024-02-29T00:00:00.1234567+00:00")]
    public void XsdDateTime_ValidForms_Parsed(string text, string expected)
    {
        Assert.True(XsdDateTime.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2023-02-24T24:00:01Z")]
    [InlineData("2023-02-24T23:60:00Z")]
    [InlineData("2023-02-24T23:36:38+15:00")]
    [InlineData("2023-02-24T23:36:38.Z")]
    [InlineData("2023-02-24t23:36:38Z")]
    [InlineData("23-02-24T23:36:38Z")]
    [InlineData("2023-02-24T23:36:38Zjunk")]
    [InlineData("0000-01-01T00:00:00Z")]
    public void XsdDateTime_Invalid_Refused(string text)
    {
        Assert.False(XsdDateTime.TryParse(text, out _));
    }

    [Fact]
    public void Cryptosuite_TryGet_KnowsTheFourSuitesOnly()
    {
        foreach (var suite in Cryptosuite.All)
        {
            Assert.True(Cryptosuite.TryGet(suite.Name, out var found));
            Assert.Same(suite, found);
        }

        Assert.Equal(4, Cryptosuite.All.Count);
        Assert.False(Cryptosuite.TryGet("ecdsa-sd-2023", out _));
        Assert.False(Cryptosuite.TryGet(null, out _));
        Assert.True(Cryptosuite.EddsaJcs2022.UsesJcs);
        Assert.False(Cryptosuite.EcdsaRdfc2019.UsesJcs);
    }

    [Fact]
    public void ProofRequirement_PurposeWithoutRelationship_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ProofRequirement("https://example.com/purpose"));
        Assert.Throws<ArgumentException>(() => ProofRequirement.Authentication(""));
    }

    [Fact]
    public void Multibase_NonCanonicalOrOtherBase_Refused()
    {
        Assert.Null(Multibase.TryDecodeBase58Btc("z", 100));
        Assert.Null(Multibase.TryDecodeBase58Btc("mAAAA", 100));
        Assert.Null(Multibase.TryDecodeBase58Btc("zI0", 100));
        Assert.Null(Multibase.TryDecodeBase58Btc("z" + new string('2', 200), 100));
        Assert.Null(Multibase.TryDecodeBase58Btc("z2\u00e92", 100));
        Assert.Null(Multibase.TryDecodeBase58Btc("z2\u00ff", 100));
        Assert.Null(Multibase.TryDecodeBase58Btc("z2\ud83d\ude002", 100));
        Assert.Equal(new byte[] { 0, 1 }, Multibase.TryDecodeBase58Btc(Multibase.EncodeBase58Btc([0, 1]), 100));
    }
}
