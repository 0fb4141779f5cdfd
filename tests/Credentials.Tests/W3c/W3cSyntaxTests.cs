using System;
using Credentials.W3c;
using Xunit;

namespace Credentials.Tests.W3c;

/// <summary>The lexical rules: XML Schema dateTimeStamp (VCDM 2.0 section 5.8), URLs (4.4), data: URLs (RFC 2397), BCP 47 tags (11.1).</summary>
public sealed class W3cSyntaxTests
{
    [Theory]
    [InlineData("2010-01-01T19:23:24Z", "2010-01-01T19:23:24+00:00")]
    [InlineData("2025-04-01T00:00:00+09:00", "2025-03-31T15:00:00+00:00")]
    [InlineData("2025-04-01T00:00:00-08:00", "2025-04-01T08:00:00+00:00")]
    [InlineData("2024-02-29T12:00:00.1234567Z", "2024-02-29T12:00:00.1234567+00:00")]
    [InlineData("2024-02-29T12:00:00.123456789Z", "2024-02-29T12:00:00.1234567+00:00")]
    [InlineData("2024-12-31T24:00:00Z", "2025-01-01T00:00:00+00:00")]
    [InlineData("2024-06-01T00:00:00+14:00", "2024-05-31T10:00:00+00:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00")]
    public void TryParseDateTime_DateTimeStamp_GivesTheInstant(string value, string expected)
    {
        Assert.True(W3cSyntax.TryParseDateTime(value, requireOffset: true, out var parsed));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("2025-04-01")]
    [InlineData("2025-04-01T00:00:00")]
    [InlineData("2025-04-01T00:00Z")]
    [InlineData("2025-13-01T00:00:00Z")]
    [InlineData("2025-02-29T00:00:00Z")]
    [InlineData("2025-04-31T00:00:00Z")]
    [InlineData("2025-04-01T25:00:00Z")]
    [InlineData("2025-04-01T24:00:01Z")]
    [InlineData("2025-04-01T23:60:00Z")]
    [InlineData("2025-04-01T23:59:60Z")]
    [InlineData("2025-04-01T00:00:00.Z")]
    [InlineData("2025-04-01T00:00:00+14:30")]
    [InlineData("2025-04-01T00:00:00+0900")]
    [InlineData("2025-04-01t00:00:00z")]
    [InlineData("-0001-01-01T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("10000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData(" 2025-04-01T00:00:00Z")]
    [InlineData("２０２５-04-01T00:00:00Z")]
    [InlineData("")]
    public void TryParseDateTime_NotADateTimeStamp_Fails(string value) => Assert.False(W3cSyntax.TryParseDateTime(value, requireOffset: true, out _));

    [Fact]
    public void TryParseDateTime_WithoutOffset_IsUtcWhenAllowed()
    {
        Assert.True(W3cSyntax.TryParseDateTime("2025-04-01T00:00:00", requireOffset: false, out var parsed));

        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Theory]
    [InlineData(2025, 4, 1, 0, 0, 0, 9, "2025-04-01T00:00:00+09:00")]
    [InlineData(2025, 4, 1, 0, 0, 0, 0, "2025-04-01T00:00:00Z")]
    [InlineData(2025, 4, 1, 0, 0, 0, -5, "2025-04-01T00:00:00-05:00")]
    public void FormatDateTimeStamp_KeepsTheOffset(int y, int mo, int d, int h, int mi, int s, int offset, string expected)
        => Assert.Equal(expected, W3cSyntax.FormatDateTimeStamp(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromHours(offset))));

    [Fact]
    public void FormatDateTimeStamp_Fraction_IsWrittenWithoutTrailingZeros()
        => Assert.Equal("2025-04-01T00:00:00.5Z", W3cSyntax.FormatDateTimeStamp(new DateTimeOffset(2025, 4, 1, 0, 0, 0, 500, TimeSpan.Zero)));

    [Theory]
    [InlineData("https://example.org/a", true)]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", true)]
    [InlineData("urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5", true)]
    [InlineData("data:application/vc+jwt,a.b.c", true)]
    [InlineData("https://例え.jp/証明書", true)]
    [InlineData("example.org/a", false)]
    [InlineData("/relative", false)]
    [InlineData("#key-1", false)]
    [InlineData("1https://example.org", false)]
    [InlineData("https:", false)]
    [InlineData("https://example.org/a b", false)]
    [InlineData("https://example.org/a\n", false)]
    [InlineData("", false)]
    public void IsUrl_AbsoluteUrlsOnly(string value, bool expected) => Assert.Equal(expected, W3cSyntax.IsUrl(value));

    [Theory]
    [InlineData("data:application/vc+jwt,a.b.c", "application/vc+jwt", false, "a.b.c")]
    [InlineData("DATA:Application/VC+JWT,a.b.c", "application/vc+jwt", false, "a.b.c")]
    [InlineData("data:application/vc+cose;base64,0oRY", "application/vc+cose", true, "0oRY")]
    [InlineData("data:application/vc+sd-jwt,a.b.c~d~", "application/vc+sd-jwt", false, "a.b.c~d~")]
    [InlineData("data:application/vc+sd-jwt,a.b.c%7Ed%7E", "application/vc+sd-jwt", false, "a.b.c~d~")]
    [InlineData("data:text/plain;charset=utf-8,%E6%97%A5", "text/plain", false, "日")]
    public void TryParseDataUrl_WellFormed_GivesMediaTypeAndData(string url, string mediaType, bool base64, string data)
    {
        Assert.True(W3cSyntax.TryParseDataUrl(url, out var type, out var isBase64, out var payload));

        Assert.Equal(mediaType, type);
        Assert.Equal(base64, isBase64);
        Assert.Equal(data, payload);
    }

    [Theory]
    [InlineData("https://example.org")]
    [InlineData("data:application/vc+jwt")]
    [InlineData("data:,abc")]
    [InlineData("data:vc+jwt,abc")]
    [InlineData("data:application/,abc")]
    [InlineData("data:application/vc+jwt,%4")]
    [InlineData("data:application/vc+jwt,%FF")]
    public void TryParseDataUrl_Malformed_Fails(string url) => Assert.False(W3cSyntax.TryParseDataUrl(url, out _, out _, out _));

    [Theory]
    [InlineData("ja", true)]
    [InlineData("ja-JP", true)]
    [InlineData("en-US-x-private", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("x-private", true)]
    [InlineData("j", false)]
    [InlineData("ja_JP", false)]
    [InlineData("ja-", false)]
    [InlineData("1a", false)]
    [InlineData("日本語", false)]
    [InlineData("", false)]
    public void IsLanguageTag_WellFormedTagsOnly(string value, bool expected) => Assert.Equal(expected, W3cSyntax.IsLanguageTag(value));
}
