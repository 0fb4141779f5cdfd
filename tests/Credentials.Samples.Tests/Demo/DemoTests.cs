using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Samples.Tests.Demo;

/// <summary>The README's demo command runs the whole story; this runs the same program and checks what it printed.</summary>
[Collection("Console output")]
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_RunsTheWholeStory_ExitsZeroWithRevocationDetected()
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
        Assert.Equal(0, exitCode);
        Assert.Contains("shop: ACCEPTED", text, StringComparison.Ordinal);
        Assert.Contains("employer: ACCEPTED", text, StringComparison.Ordinal);
        Assert.Contains("employer: REJECTED: status.revoked", text, StringComparison.Ordinal);
        Assert.Contains("verifier learned: [\"age_over_20\"]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2003-11-08", text.Split("[5]")[1].Split("[6]")[0], StringComparison.Ordinal);
    }
}
