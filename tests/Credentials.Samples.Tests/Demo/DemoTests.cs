using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Samples.Tests.Demo;

/// <summary>The README's demo command runs the whole story; this runs the same program and checks what it printed.</summary>
[Collection("Console output")]
public sealed class DemoTests
{
    private static readonly Lazy<Task<(int ExitCode, string Text)>> s_run = new(RunAsync);

    [Fact]
    public async Task Demo_RunsTheWholeStory_ExitsZeroWithRevocationDetected()
    {
        var (exitCode, text) = await s_run.Value;

        Assert.Equal(0, exitCode);
        Assert.Contains("shop: ACCEPTED", text, StringComparison.Ordinal);
        Assert.Contains("employer: ACCEPTED", text, StringComparison.Ordinal);
        Assert.Contains("employer: REJECTED: status.revoked", text, StringComparison.Ordinal);

        // The same award as an Open Badge baked into a PNG: verified from the image, and naming the wallet's achievement.
        Assert.Contains("employer (badge, BakedPng): ACCEPTED", Step(text, 7), StringComparison.Ordinal);
        Assert.Contains("same achievement as the wallet's SD-JWT VC: yes", Step(text, 7), StringComparison.Ordinal);
        Assert.Contains("Status Passed", Step(text, 7), StringComparison.Ordinal);
        Assert.DoesNotContain("2003-11-08", Step(text, 5), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, new string[0], new[] { "[\"age_over_20\"]" })]
    [InlineData(6, new[] { "[\"exam\",\"category_code\"]", "[\"exam\",\"name\"]" }, new[] { "[\"pass_date\"]" })]
    public async Task Demo_VerifierStep_ConsentAndWhatTheVerifierReceivedTellTheSameStory(int step, string[] visibleAtLeast, string[] disclosed)
    {
        var (_, text) = await s_run.Value;
        var section = Step(text, step);

        // The consent screen: always-visible claims and the claims the holder discloses, each line ending in its path.
        var consentVisible = ConsentPaths(section, "always visible");
        var consentDisclosed = ConsentPaths(section, "disclose");

        // What the verifier received, split the same way.
        var receivedVisible = ReceivedPaths(section, "verifier received, always visible: ");
        var receivedDisclosed = ReceivedPaths(section, "verifier received, disclosed by the holder: ");

        Assert.Equal(consentVisible, receivedVisible);
        Assert.Equal(consentDisclosed, receivedDisclosed);
        Assert.Equal(disclosed.ToHashSet(), receivedDisclosed);
        Assert.Superset(visibleAtLeast.ToHashSet(), receivedVisible);
        Assert.Empty(receivedVisible.Intersect(receivedDisclosed));
    }

    private static async Task<(int, string)> RunAsync()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            var exitCode = await Credentials.Samples.Demo.Program.Main();
            return (exitCode, output.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    private static string Step(string text, int step) => text.Split($"[{step}]")[1].Split($"[{step + 1}]")[0];

    private static HashSet<string> ConsentPaths(string section, string kind)
        => section.Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => l.TrimStart().StartsWith(kind + "  ", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf(' ') + 1)..])
            .ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> ReceivedPaths(string section, string prefix)
    {
        var line = section.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        var list = line[prefix.Length..];
        return list == "(none)" ? [] : list.Split(", ").ToHashSet(StringComparer.Ordinal);
    }
}
