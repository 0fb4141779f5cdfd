using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Credentials.Samples.Holder;
using Credentials.Samples.Verifier;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>The holder's and the verifier's help in English and Japanese (LANG=ja_JP).</summary>
public sealed class HelpTextTests
{
    [Fact]
    public void HolderResources_EveryEnglishTextHasAJapaneseOne() => HelpTextChecks.AssertEveryResourceTranslated(HolderApp.HelpResources);

    [Fact]
    public void VerifierResources_EveryEnglishTextHasAJapaneseOne() => HelpTextChecks.AssertEveryResourceTranslated(VerifierApp.HelpResources);

    [Fact]
    public void Holder_EveryCommandOptionAndArgument_DescribedInEnglishAndJapanese()
        => HelpTextChecks.AssertEverySymbolDescribed(HolderApp.CreateRootCommand, "holder");

    [Fact]
    public void Verifier_EveryCommandOptionAndArgument_DescribedInEnglishAndJapanese()
        => HelpTextChecks.AssertEverySymbolDescribed(VerifierApp.CreateRootCommand, "verifier");

    [Fact]
    public Task Holder_HelpOfEveryCommandUnderJapanese_IsJapanese()
        => HelpTextChecks.AssertHelpOfEveryCommandIsJapanese(HolderApp.CreateRootCommand, "holder");

    [Fact]
    public Task Verifier_HelpOfEveryCommandUnderJapanese_IsJapanese()
        => HelpTextChecks.AssertHelpOfEveryCommandIsJapanese(VerifierApp.CreateRootCommand, "verifier");

    [Theory]
    [InlineData("Holder", "ja_JP.UTF-8", true)]
    [InlineData("Holder", "en_US.UTF-8", false)]
    [InlineData("Verifier", "ja_JP.UTF-8", true)]
    [InlineData("Verifier", "C.UTF-8", false)]
    public async Task BuiltApp_HelpFollowsLang(string app, string lang, bool japanese)
    {
        var run = await BuiltApp.RunAsync(app, ["--help"], new Dictionary<string, string?> { ["LANG"] = lang });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(japanese, HelpTextChecks.HasJapanese(run.Output));
        Assert.Contains(japanese ? "使用法" : "Usage:", run.Output, StringComparison.Ordinal);
    }
}
