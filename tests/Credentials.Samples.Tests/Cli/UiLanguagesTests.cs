using System.Collections.Generic;
using System.Globalization;
using Xunit;

namespace Credentials.Samples.Tests.Cli;

public sealed class UiLanguagesTests
{
    [Theory]
    [InlineData("CREDENTIALS_LANG", "ja", UiLanguage.Japanese)]
    [InlineData("LANG", "ja_JP.UTF-8", UiLanguage.Japanese)]
    [InlineData("LC_ALL", "en_US.UTF-8", UiLanguage.English)]
    [InlineData("LANG", "C", UiLanguage.English)]
    public void Detect_Environment_PicksLanguage(string variable, string value, UiLanguage expected)
    {
        var environment = new Dictionary<string, string> { [variable] = value };

        Assert.Equal(expected, UiLanguages.Detect(n => environment.GetValueOrDefault(n), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Detect_OverrideBeatsLang()
    {
        var environment = new Dictionary<string, string> { ["CREDENTIALS_LANG"] = "en", ["LANG"] = "ja_JP.UTF-8" };

        Assert.Equal(UiLanguage.English, UiLanguages.Detect(n => environment.GetValueOrDefault(n)));
    }

    [Fact]
    public void Detect_NoEnvironment_UsesUiCulture()
        => Assert.Equal(UiLanguage.Japanese, UiLanguages.Detect(_ => null, CultureInfo.GetCultureInfo("ja-JP")));

    [Fact]
    public void ToLocale_Languages_AreTypeMetadataLocales()
    {
        Assert.Equal("ja-JP", UiLanguage.Japanese.ToLocale());
        Assert.Equal("en-US", UiLanguage.English.ToLocale());
    }
}
