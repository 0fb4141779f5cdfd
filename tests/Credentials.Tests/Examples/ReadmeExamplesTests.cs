using System;
using System.IO;
using System.Threading.Tasks;
using Credentials;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Testing;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Examples;

/// <summary>The README's quick start lives here so it compiles and runs; a test keeps the README's copy identical.</summary>
[Collection("Console output")]
public sealed class ReadmeExamplesTests
{
    [Fact]
    public async Task QuickStart_Runs_DisclosesOnlyAgeOver20()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            await QuickStartAsync();
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal("True", output.ToString().Trim());
    }

    [Fact]
    public void Readme_QuickStartSnippet_MatchesCompiledCode()
    {
        const string Source = "tests/Credentials.Tests/Examples/ReadmeExamplesTests.cs";
        Assert.Equal(ReadmeSnippet.Region(Source, "QuickStart"), ReadmeSnippet.Code("README.md"));
        Assert.All(ReadmeSnippet.Usings("README.md"), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    private static async Task QuickStartAsync()
    {
        #region QuickStart
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        var issued = await new SdJwtIssuer(issuerKey).IssueAsync(SdJwtPayload.Create()
            .Claim("iss", "https://issuer.example.jp")
            .Disclosable("age_over_20", true)
            .Disclosable("birth_date", "2003-11-08"), holderKey.PublicJwk);

        var nonce = "n-0S6_WzA2Mj"; // the verifier's fresh nonce
        var presented = await new SdJwtHolder().PresentAsync(issued, [ClaimPath.Of("age_over_20")],
            new KeyBindingInput("https://shop.example.jp", nonce), holderKey);

        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk));
        var result = await verifier.VerifyAsync(presented.Value.Serialize(), KeyBindingRequirement.Required("https://shop.example.jp", nonce));
        Console.WriteLine(result.IsValid ? result.Value.Claims.GetProperty("age_over_20") : result.Error.Code);
        #endregion
    }
}
