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

/// <summary>The Credentials package README's example lives here so it compiles and runs; a test keeps the README's copy identical.</summary>
[Collection("Console output")]
public sealed class PackageReadmeExamplesTests
{
    private const string Readme = "src/Credentials/README.md";
    private const string Source = "tests/Credentials.Tests/Examples/PackageReadmeExamplesTests.cs";

    [Fact]
    public async Task PackageReadme_Runs_DisclosesOnlyAgeOver20()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            await PackageReadmeAsync("n-0S6_WzA2Mj");
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal("True", output.ToString().Trim());
    }

    [Fact]
    public void PackageReadme_Snippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "PackageReadme"), ReadmeSnippet.Code(Readme));
        Assert.All(ReadmeSnippet.Usings(Readme), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    private static async Task PackageReadmeAsync(string nonce)
    {
        #region PackageReadme
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);

        // Issuer: claims marked Disclosable can be withheld by the holder.
        SdJwtToken issued = await new SdJwtIssuer(issuerKey).IssueAsync(SdJwtPayload.Create()
            .Claim("iss", "https://issuer.example")
            .Disclosable("age_over_20", true)
            .Disclosable("birth_date", "2003-11-08"), holderKey.PublicJwk);

        // Holder: disclose age_over_20 only, bound to the verifier's audience and fresh nonce.
        var presented = await new SdJwtHolder().PresentAsync(issued, [ClaimPath.Of("age_over_20")],
            new KeyBindingInput("https://shop.example", nonce), holderKey);

        // Verifier: learns age_over_20 and nothing else.
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk));
        var result = await verifier.VerifyAsync(presented.Value.Serialize(), KeyBindingRequirement.Required("https://shop.example", nonce));
        Console.WriteLine(result.IsValid ? result.Value.Claims.GetProperty("age_over_20") : result.Error.Code);
        #endregion
    }
}
