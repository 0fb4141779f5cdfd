using Credentials.OAuth;
using Xunit;

namespace Credentials.Tests.OAuth;

/// <summary>PKCE S256 (RFC 7636): the appendix B example, verifier syntax, constant-time matching of untrusted input.</summary>
public sealed class PkceTests
{
    // RFC 7636 appendix B.
    private const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Fact]
    public void ComputeS256Challenge_Rfc7636AppendixB_Matches()
        => Assert.Equal(RfcChallenge, Pkce.ComputeS256Challenge(RfcVerifier));

    [Fact]
    public void VerifyS256_Rfc7636AppendixB_True() => Assert.True(Pkce.VerifyS256(RfcVerifier, RfcChallenge));

    [Fact]
    public void CreateVerifier_WellFormedFreshAndRoundTrips()
    {
        var a = Pkce.CreateVerifier();
        var b = Pkce.CreateVerifier();

        Assert.Equal(43, a.Length);
        Assert.True(Pkce.IsValidVerifier(a));
        Assert.NotEqual(a, b);
        Assert.True(Pkce.VerifyS256(a, Pkce.ComputeS256Challenge(a)));
        Assert.False(Pkce.VerifyS256(b, Pkce.ComputeS256Challenge(a)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX")] // 42 characters
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX+")] // '+' is not unreserved
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX=")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXé")]
    public void VerifyS256_MalformedVerifier_False(string? verifier) => Assert.False(Pkce.VerifyS256(verifier, RfcChallenge));

    [Fact]
    public void VerifyS256_TooLongVerifier_False()
        => Assert.False(Pkce.VerifyS256(new string('a', 129), RfcChallenge));

    [Fact]
    public void VerifyS256_LongestVerifier_True()
    {
        var verifier = new string('~', 128);
        Assert.True(Pkce.VerifyS256(verifier, Pkce.ComputeS256Challenge(verifier)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(RfcVerifier)] // "plain": the challenge is the verifier itself
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN")] // same digest, non-canonical trailing bits
    [InlineData("F9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")]
    public void VerifyS256_WrongOrMalformedChallenge_False(string? challenge) => Assert.False(Pkce.VerifyS256(RfcVerifier, challenge));

    [Fact]
    public void ComputeS256Challenge_MalformedVerifier_Throws()
        => Assert.Throws<System.ArgumentException>(() => Pkce.ComputeS256Challenge("short"));
}
