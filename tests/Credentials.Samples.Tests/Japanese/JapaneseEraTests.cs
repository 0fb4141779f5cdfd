using System;
using Xunit;

namespace Credentials.Samples.Tests.Japanese;

public sealed class JapaneseEraTests
{
    [Theory]
    [InlineData("2019-05-01", "令和元年5月1日")]
    [InlineData("2019-04-30", "平成31年4月30日")]
    [InlineData("2019-12-31", "令和元年12月31日")]
    [InlineData("2020-01-01", "令和2年1月1日")]
    [InlineData("1989-01-08", "平成元年1月8日")]
    [InlineData("1989-01-07", "昭和64年1月7日")]
    [InlineData("1926-12-25", "昭和元年12月25日")]
    [InlineData("1926-12-24", "大正15年12月24日")]
    [InlineData("1998-04-02", "平成10年4月2日")]
    [InlineData("2029-06-02", "令和11年6月2日")]
    public void Format_EraBoundaries_UsesGannenForFirstYear(string iso, string expected)
        => Assert.Equal(expected, JapaneseEra.Format(DateOnly.Parse(iso)));

    [Fact]
    public void Format_BeforeGregorianAdoption_FallsBackToIso()
        => Assert.Equal("1872-12-31", JapaneseEra.Format(new DateOnly(1872, 12, 31)));

    [Fact]
    public void FormatIso_NotADate_ReturnsInputUnchanged()
        => Assert.Equal("令和8年度春期", JapaneseEra.FormatIso("令和8年度春期"));

    [Theory]
    [InlineData(UiLanguage.Japanese, "令和元年5月1日 (2019-05-01)")]
    [InlineData(UiLanguage.English, "2019-05-01")]
    public void FormatForDisplay_Language_PicksForm(UiLanguage language, string expected)
        => Assert.Equal(expected, JapaneseEra.FormatForDisplay(new DateOnly(2019, 5, 1), language));
}
