using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Samples.Tests.Demo;

/// <summary>
/// The demo's mdoc steps: age_over_20 alone from the mdoc age twin over OpenID4VP (direct_post.jwt), and the licence
/// categories alone.
/// </summary>
[Collection("Console output")]
public sealed class MdocDemoTests
{
    [Fact]
    public async Task Demo_MdocSteps_ShopAcceptsAgeOver20OverEncryptedOpenId4VpAndRoadsideReadsOnlyTheCategories()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int exitCode;
        try
        {
            exitCode = await Credentials.Samples.Demo.Program.Main();
        }
        finally
        {
            Console.SetOut(previous);
        }

        var text = output.ToString();
        var shop = text.Split("[9]")[1].Split("[10]")[0];
        var roadside = text.Split("[10]")[1].Split("[11]")[0];

        Assert.Equal(0, exitCode);
        Assert.EndsWith("Demo finished: every step behaved as expected.", text.TrimEnd(), StringComparison.Ordinal);

        // The shop's mdoc request goes over OpenID4VP: signed, by reference, with an encrypted response.
        Assert.Contains("openid4vp://?client_id=x509_san_dns", shop, StringComparison.Ordinal);
        Assert.Contains("request: signed yes, response_mode direct_post.jwt, answer encrypted to the shop's one-time key: EC P-256, ECDH-ES + A", shop, StringComparison.Ordinal);
        Assert.Contains("consent: jp.example.av.1 (mso_mdoc): disclose [\"jp.example.av.1\",\"age_over_20\"]\n", shop.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("wallet posted response=<JWE> to shop's response_uri: HTTP 200", shop, StringComparison.Ordinal);
        Assert.Contains("verified: mso_mdoc jp.example.av.1, valid, beyond the request: (none)", shop, StringComparison.Ordinal);

        // Only age_over_20 arrived: one element on the received line, no birth date.
        Assert.Contains("shop received (decrypted; each element matched against the MSO digest): jp.example.av.1:age_over_20\n", shop.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("2003-11-08", shop, StringComparison.Ordinal);
        Assert.Contains("shop (mdoc): ACCEPTED (age_over_20 = true)", shop, StringComparison.Ordinal);
        Assert.DoesNotContain("shop asks for one element", shop, StringComparison.Ordinal);

        // The wallet logs the mdoc disclosure under the same client_id as the shop's SD-JWT VC request of step 5.
        var log = text.Split("[11]")[1].ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();
        var sdJwtShop = Assert.Single(log, l => l.EndsWith(": [\"age_over_20\"]", StringComparison.Ordinal));
        var mdocShop = Assert.Single(log, l => l.EndsWith(": [\"jp.example.av.1\",\"age_over_20\"]", StringComparison.Ordinal));
        Assert.Equal(sdJwtShop[..sdJwtShop.LastIndexOf(": ", StringComparison.Ordinal)], mdocShop[..mdocShop.LastIndexOf(": ", StringComparison.Ordinal)]);

        Assert.Contains("roadside received (each element matched against the MSO digest): org.iso.18013.5.1:driving_privileges\n", roadside.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("roadside (mdoc): ACCEPTED, categories B (codes 01); AM", roadside, StringComparison.Ordinal);
        Assert.DoesNotContain("YAMADA", roadside, StringComparison.Ordinal);
        Assert.DoesNotContain("1995", roadside, StringComparison.Ordinal);
    }
}
