using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;
using Xunit;

namespace Credentials.Samples.Tests.Cli;

/// <summary>The issuer's help, and the help text every app shares, in English and Japanese (LANG=ja_JP).</summary>
public sealed class HelpTextTests
{
    [Fact]
    public void IssuerResources_EveryEnglishTextHasAJapaneseOne() => HelpTextChecks.AssertEveryResourceTranslated(IssuerApp.HelpResources);

    [Fact]
    public void SharedResources_EveryEnglishTextHasAJapaneseOne() => HelpTextChecks.AssertEveryResourceTranslated(CliHelp.SharedResources);

    [Fact]
    public void Issuer_EveryCommandOptionAndArgument_DescribedInEnglishAndJapanese()
        => HelpTextChecks.AssertEverySymbolDescribed(IssuerApp.CreateRootCommand, "issuer");

    [Fact]
    public Task Issuer_HelpOfEveryCommandUnderJapanese_IsJapanese()
        => HelpTextChecks.AssertHelpOfEveryCommandIsJapanese(IssuerApp.CreateRootCommand, "issuer");

    [Theory]
    [InlineData("ja_JP.UTF-8", true)]
    [InlineData("C.UTF-8", false)]
    [InlineData(null, false)]
    public async Task Issuer_BuiltApp_HelpFollowsLang(string? lang, bool japanese)
    {
        var environment = new Dictionary<string, string?> { ["LANG"] = lang };

        var run = await BuiltApp.RunAsync("Issuer", ["issue", "--help"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(japanese, HelpTextChecks.HasJapanese(run.Output));
        Assert.Contains(japanese ? "使用法" : "Usage:", run.Output, StringComparison.Ordinal);
    }
}
