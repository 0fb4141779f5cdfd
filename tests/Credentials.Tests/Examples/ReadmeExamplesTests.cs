using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Jose;
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
        var root = RepositoryRoot.Path;
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        var source = File.ReadAllLines(Path.Combine(root, "tests", "Credentials.Tests", "Examples", "ReadmeExamplesTests.cs"));

        var snippet = Between(source, "#region QuickStart", "#endregion").Select(l => l.Trim()).ToArray();
        var start = Array.FindIndex(readme, l => l.StartsWith("```csharp", StringComparison.Ordinal));
        var end = Array.FindIndex(readme, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        var readmeSnippet = readme[(start + 1)..end].Where(l => !IsUsingDirective(l)).Select(l => l.Trim()).ToArray();

        Assert.True(start >= 0 && end > start);
        Assert.Equal(snippet.Where(l => l.Length > 0), readmeSnippet.Where(l => l.Length > 0));
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

    private static bool IsUsingDirective(string line)
        => line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';') && line.IndexOf(' ', 6) < 0;

    private static string[] Between(string[] lines, string startMarker, string endMarker)
    {
        var start = Array.FindIndex(lines, l => l.Trim() == startMarker);
        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == endMarker);
        return lines[(start + 1)..end];
    }
}
