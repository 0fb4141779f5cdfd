using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Samples.Tests.Demo;

/// <summary>The demo's mdoc steps: age_over_20 from the mdoc age twin, and the licence categories alone.</summary>
[Collection("Console output")]
public sealed class MdocDemoTests
{
    [Fact]
    public async Task Demo_MdocSteps_ShopAcceptsAgeOver20AndRoadsideReadsOnlyTheCategories()
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
        Assert.Contains("shop received (each element matched against the MSO digest): jp.example.av.1:age_over_20\n", shop.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("shop (mdoc): ACCEPTED (age_over_20 = true)", shop, StringComparison.Ordinal);
        Assert.Contains("DeviceAuthentication Passed", shop, StringComparison.Ordinal);
        Assert.Contains("roadside received (each element matched against the MSO digest): org.iso.18013.5.1:driving_privileges\n", roadside.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("roadside (mdoc): ACCEPTED, categories B (codes 01); AM", roadside, StringComparison.Ordinal);
        Assert.DoesNotContain("YAMADA", roadside, StringComparison.Ordinal);
        Assert.DoesNotContain("1995", roadside, StringComparison.Ordinal);
    }
}
